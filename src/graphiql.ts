/**
 * GraphiQL at GET /graphql from a browser, served whole by this server: the page carries its
 * scripts, styles, fonts, editor workers (as blobs) and icon inline, from
 * @graphql-yoga/render-graphiql. Yoga's default page loads them from unpkg and its icon from GitHub,
 * so on a network without internet access it stays on "Loading...". The page opens with two tabs:
 * signing in, and the dashboard query with variables that run as they are once signed in
 * (test/browser/graphiql.test.ts drives it in Chromium).
 *
 * The page is about 9 MB of HTML: it is rendered and compressed once per process (gzip, then
 * brotli in the background) and sent in the best encoding the client accepts, with a strong ETag
 * per encoding and `Cache-Control: no-cache`, so a reload is a 304 with no body
 * (test/api/graphiql-http.test.ts). GRAPHIQL=false (the default in production) serves no page.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FetchAPI, GraphiQLOptions, Plugin } from 'graphql-yoga';

export const SIGN_IN_QUERY = `# Sign in: demo logins in the README, every password is
# demo-password. Then put the token in the Headers of the
# Dashboard tab: { "Authorization": "Bearer <token>" }
mutation SignIn {
  sessionCreate(
    input: { email: "admin@acme.test", password: "demo-password" }
  ) {
    token
    userErrors { field message code }
  }
}
`;

export const DASHBOARD_QUERY = `# The newest pending reconciliations with their projects.
# Needs the SignIn tab's token in Headers. \`since\` is in
# Variables (a week ago: the dashboard's last 7 days).
query Dashboard($since: DateTime!) {
  reconciliations(
    first: 100
    filter: { status: [PENDING], createdAfter: $since }
  ) {
    totalCount
    edges {
      node {
        reference
        amount
        currency
        createdAt
        project { name }
      }
    }
  }
}
`;

/** Far enough back that the dashboard answers rows on any demo database, however old. */
export const DASHBOARD_VARIABLES = { since: '2000-01-01T00:00:00.000Z' };

const json = (value: unknown) => JSON.stringify(value, null, 2);

/**
 * GraphiQL's options. The default tabs are what a browser without GraphiQL state for this origin
 * opens with; one that has some (its localStorage) keeps its own tabs (Settings, "Clear storage").
 */
export const graphiqlOptions: GraphiQLOptions = {
  title: 'Reconciliation API',
  // Yoga's GraphiQL keeps the Headers editor in localStorage by default: a pasted bearer token
  // would outlive the session in the browser's storage. Headers stay in the page's memory only.
  shouldPersistHeaders: false,
  defaultTabs: [
    { query: SIGN_IN_QUERY },
    {
      query: DASHBOARD_QUERY,
      variables: json(DASHBOARD_VARIABLES),
      headers: json({ Authorization: 'Bearer <token>' }),
    },
  ],
};

type Encoding = 'br' | 'gzip' | 'identity';

interface Variant {
  encoding: Encoding;
  body: Buffer;
  /** Strong, and one per encoding (RFC 9110 8.8.3): the same page gzipped is another representation. */
  etag: string;
}

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/**
 * Measured on this page (9.05 MB) on two busy cores: gzip level 6 2.44 MB in 0.5 s (level 9: 0.4%
 * smaller, twice the time, which the first request waits); brotli quality 9 with a 16 MB window
 * 1.85 MB in 3.3 s, quality 11 1.71 MB in 22-40 s (not worth it for 8% less).
 */
const COMPRESS: Record<Exclude<Encoding, 'identity'>, (body: Buffer) => Promise<Buffer>> = {
  gzip: (body) => gzipAsync(body, { level: 6 }),
  br: (body) =>
    brotliAsync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 9,
        [constants.BROTLI_PARAM_LGWIN]: 24,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
};

/**
 * How much the client wants each coding (Accept-Encoding, RFC 9110 12.5.3): its q-value, else the
 * `*` entry's, else 0 (not acceptable). `x-gzip` counts as gzip.
 */
export function acceptedEncodings(header: string | null): { br: number; gzip: number } {
  const q = new Map<string, number>();
  for (const part of (header ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (!name) continue;
    const weight = params.find((p) => p.startsWith('q='));
    const value = weight === undefined ? 1 : Number(weight.slice(2));
    q.set(name === 'x-gzip' ? 'gzip' : name, Number.isFinite(value) ? value : 0);
  }
  const of = (coding: string) => q.get(coding) ?? q.get('*') ?? 0;
  return { br: of('br'), gzip: of('gzip') };
}

/** If-None-Match's tags, compared weakly (as RFC 9110 13.1.2 says for this header); `*` any. */
const tagsOf = (header: string | null) =>
  (header ?? '')
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .filter(Boolean);

/** The page in every encoding: identity at once, gzip then brotli computed off the event loop. */
class Page {
  private readonly identity: Variant;
  private readonly ready = new Map<Encoding, Variant>();
  private readonly pending = new Map<Encoding, Promise<Variant | null>>();
  private readonly etags: Map<string, Encoding>;

  constructor(html: string) {
    const body = Buffer.from(html, 'utf8');
    const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
    const etag = (encoding: Encoding) => (encoding === 'identity' ? `"${hash}"` : `"${hash}-${encoding}"`);
    this.identity = { encoding: 'identity', body, etag: etag('identity') };
    this.etags = new Map((['identity', 'gzip', 'br'] as const).map((e) => [etag(e), e]));
    const compress = (encoding: 'gzip' | 'br') =>
      COMPRESS[encoding](body).then(
        (compressed): Variant => {
          const variant = { encoding, body: compressed, etag: etag(encoding) };
          this.ready.set(encoding, variant);
          return variant;
        },
        // Not compressed: the page goes as it is.
        () => null,
      );
    // One after the other: gzip, which the first request waits for, does not share the CPU with
    // brotli, which no request waits for once gzip is there.
    const gzipped = compress('gzip');
    this.pending.set('gzip', gzipped);
    this.pending.set(
      'br',
      gzipped.then(() => compress('br')),
    );
  }

  /** The best encoding the client accepts that is computed; else it waits for gzip (under a second). */
  private async variant(acceptEncoding: string | null): Promise<Variant> {
    const q = acceptedEncodings(acceptEncoding);
    // Highest q first; brotli on a tie (smaller).
    const wanted = (['br', 'gzip'] as const).filter((e) => q[e] > 0).sort((a, b) => q[b] - q[a]);
    for (const encoding of wanted) {
      const variant = this.ready.get(encoding);
      if (variant) return variant;
    }
    const first = wanted.includes('gzip') ? 'gzip' : wanted[0];
    return (first && (await this.pending.get(first))) || this.identity;
  }

  async respond(request: Request, fetchAPI: FetchAPI): Promise<Response> {
    const headers: Record<string, string> = {
      'cache-control': 'no-cache',
      vary: 'Accept-Encoding',
    };
    // The client holds this page already, in any encoding (it stores it decoded): 304, no body.
    const held = tagsOf(request.headers.get('if-none-match'));
    const match = held.includes('*') ? this.identity.etag : held.find((tag) => this.etags.has(tag));
    if (match) return new fetchAPI.Response(null, { status: 304, headers: { ...headers, etag: match } });
    const variant = await this.variant(request.headers.get('accept-encoding'));
    // A Buffer is a Uint8Array: sent as it is (whatwg-node writes it to the socket in one piece).
    return new fetchAPI.Response(variant.body as Uint8Array<ArrayBuffer>, {
      status: 200,
      headers: {
        ...headers,
        'content-type': 'text/html; charset=utf-8',
        'content-length': String(variant.body.length),
        etag: variant.etag,
        ...(variant.encoding === 'identity' ? {} : { 'content-encoding': variant.encoding }),
      },
    });
  }
}

let page: { key: string; page: Promise<Page> } | undefined;

/**
 * The page, with everything it loads inline. The renderer's module is imported on the first
 * GraphiQL request, not at start-up (over a second of parsing and tens of MB for a server that may
 * never serve it), and the page is rendered once per set of options (the process keeps its bytes,
 * not the string).
 */
function pageFor(options: GraphiQLOptions): Promise<Page> {
  const key = JSON.stringify(options);
  if (page?.key !== key) {
    const built = import('@graphql-yoga/render-graphiql').then((m) => new Page(m.renderGraphiQL(options)));
    // A failed import is tried again on the next request.
    built.catch(() => {
      if (page?.page === built) page = undefined;
    });
    page = { key, page: built };
  }
  return page.page;
}

/**
 * Serves the page to a browser's GET of the endpoint (an Accept with text/html, any query string:
 * GraphiQL keeps the query in the address), as Yoga's own GraphiQL would, in its place (Yoga's
 * `graphiql: false`). First among the plugins: like Yoga's it answers before the request limit and
 * the metrics see the request; CORS headers (Yoga's, onResponse) and X-Request-Id (src/app.ts)
 * are added as on any answer.
 */
export function useGraphiQLPage(options: GraphiQLOptions, endpoint: string): Plugin {
  return {
    onRequest: ({ request, url, endResponse, fetchAPI }) => {
      if (request.method !== 'GET' || !request.headers.get('accept')?.includes('text/html')) return;
      if (url.pathname !== endpoint && url.pathname !== `${endpoint}/`) return;
      return pageFor(options)
        .then((p) => p.respond(request, fetchAPI))
        .then(endResponse);
    },
  };
}
