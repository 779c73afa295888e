/**
 * A Target (test/helpers/coherence-workload.ts) over real HTTP: requests to a server or a proxy
 * from loopback client addresses, each on a keep-alive connection of its own, answered in the shape
 * of TestApp.request. A server with a request limit per address sees a new client every
 * `perAddress` requests. Every answer's X-Request-Id is kept, in order, to find which instance
 * behind a proxy served it.
 */
import { Agent } from 'node:http';
import { print } from 'graphql';
import type { GraphQLResponse, TestApp } from './app.js';
import type { Target } from './coherence-workload.js';
import { TEST_PASSWORD } from './factories.js';
import { graphqlOverHttp } from './graphql-http.js';

export interface HttpTarget extends Target {
  /** X-Request-Id of every answer, in the order the requests were sent. */
  readonly requestIds: string[];
  /** Closes the connections. */
  close(): void;
}

const SIGN_IN = `mutation HttpTargetSignIn($email: String!, $password: String!) {
  sessionCreate(input: { email: $email, password: $password }) { token userErrors { code } }
}`;

export function httpTarget(
  url: string,
  options: {
    /** A loopback address no request came from yet (127.0.0.0/8). */
    freshAddress: () => string;
    /** Requests sent from one address before moving to the next. */
    perAddress: number;
  },
): HttpTarget {
  const requestIds: string[] = [];
  let agent: Agent | undefined;
  let sent = 0;

  const request: TestApp['request'] = (document, variables, opts = {}) => {
    if (!agent || sent++ % options.perAddress === 0) {
      agent?.destroy();
      agent = new Agent({ keepAlive: true, maxSockets: 1, localAddress: options.freshAddress() });
    }
    const query = typeof document === 'string' ? document : print(document);
    return graphqlOverHttp(url, {
      method: opts.method,
      query,
      variables,
      agent,
      token: opts.token,
      headers: { accept: 'application/graphql-response+json, application/json', ...opts.headers },
    }).then((res) => {
      requestIds.push(String(res.headers['x-request-id'] ?? ''));
      const answerHeaders = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
          answerHeaders.append(name, v);
        }
      }
      try {
        const body = res.text ? JSON.parse(res.text) : {};
        return { status: res.status, headers: answerHeaders, ...body } as GraphQLResponse<never>;
      } catch {
        throw new Error(`not JSON (status ${res.status}): ${res.text.slice(0, 500)}`);
      }
    });
  };

  return {
    requestIds,
    request,
    async signIn(email, password = TEST_PASSWORD) {
      const res = await request<{ sessionCreate: { token: string | null } }, Record<string, string>>(
        SIGN_IN,
        { email, password },
      );
      const token = res.data?.sessionCreate.token;
      if (!token) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(res)}`);
      return token;
    },
    close() {
      agent?.destroy();
    },
  };
}
