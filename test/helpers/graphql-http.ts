/**
 * One GraphQL request over real HTTP (node:http) to /graphql of a server or a proxy, answered raw:
 * status, headers and text, for the tests that read them themselves (which instance or database
 * served an X-Request-Id, a 429 or 502 from nginx, a body that is not JSON). GET sends the query
 * and the variables in the URL, POST as a JSON body; `agent` picks the connection (e.g. a
 * keep-alive one from a loopback address of its own).
 */
import { randomUUID } from 'node:crypto';
import { type Agent, type IncomingHttpHeaders, request } from 'node:http';

export interface HttpAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export function graphqlOverHttp(
  /** The server's or proxy's base URL, `http://host:port`. */
  url: string,
  options: {
    method?: 'GET' | 'POST';
    query: string;
    variables?: unknown;
    /** Sent as given (with content-type on a POST). */
    headers?: Record<string, string>;
    /** A session token, sent as `authorization: Bearer <token>` (over one in `headers`). */
    token?: string | null | undefined;
    agent?: Agent;
  },
): Promise<HttpAnswer> {
  const { hostname, port } = new URL(url);
  const { query, variables } = options;
  const method = options.method ?? 'POST';
  const params = new URLSearchParams({ query });
  if (variables !== undefined) params.set('variables', JSON.stringify(variables));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: hostname,
        port,
        path: method === 'GET' ? `/graphql?${params}` : '/graphql',
        method,
        agent: options.agent,
        headers: {
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
          ...options.headers,
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(method === 'POST' ? JSON.stringify({ query, variables }) : undefined);
  });
}

/**
 * A POST with an X-Request-Id of its own, to find the request's access-log line (which instance or
 * database served it): the id, the status and the answer's JSON.
 */
export async function tracedGraphql(
  url: string,
  query: string,
  variables: object,
  token?: string,
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely
): Promise<{ requestId: string; status: number; json: any }> {
  const requestId = randomUUID();
  const res = await graphqlOverHttp(url, { query, variables, token, headers: { 'x-request-id': requestId } });
  return { requestId, status: res.status, json: JSON.parse(res.text) };
}
