/**
 * GraphiQL at GET /graphql from a browser, served whole by this server: the page carries its
 * scripts, styles, fonts, editor workers (as blobs) and icon inline, from
 * @graphql-yoga/render-graphiql. Yoga's default page loads them from unpkg and its icon from GitHub,
 * so on a network without internet access it stays on "Loading...". The page opens with two tabs:
 * signing in, and the dashboard query with variables that run as they are once signed in
 * (test/browser/graphiql.test.ts drives it in Chromium).
 */
import type { GraphiQLOptions } from 'graphql-yoga';

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
  defaultTabs: [
    { query: SIGN_IN_QUERY },
    {
      query: DASHBOARD_QUERY,
      variables: json(DASHBOARD_VARIABLES),
      headers: json({ Authorization: 'Bearer <token>' }),
    },
  ],
};

let page: { key: string; html: Promise<string> } | undefined;

/**
 * The page, with everything it loads inline (about 9 MB). The renderer's module is imported on the
 * first GraphiQL request, not at start-up (over a second of parsing and tens of MB for a server
 * that may never serve it), and the page is rendered once per set of options.
 */
export function renderGraphiQL(options: GraphiQLOptions): Promise<string> {
  const key = JSON.stringify(options);
  if (page?.key !== key) {
    const html = import('@graphql-yoga/render-graphiql').then((m) => m.renderGraphiQL(options));
    // A failed import is tried again on the next request.
    html.catch(() => {
      if (page?.html === html) page = undefined;
    });
    page = { key, html };
  }
  return page.html;
}
