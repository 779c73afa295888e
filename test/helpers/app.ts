/**
 * The API in process over a fresh, migrated database, with every statement the real driver
 * sends counted (postgres.js' debug hook), and requests made through `app.fetch`.
 */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { pino } from 'pino';
import { type App, createApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/client.js';
import { createMigratedDatabase } from './db.js';

export interface GraphQLResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

export interface TestApp {
  app: App;
  database: Database;
  config: Config;
  /** Every statement sent since the last reset. */
  statements: string[];
  request<T, V>(
    document: TypedDocumentNode<T, V> | string,
    variables?: V,
    options?: { token?: string | null; method?: 'GET' | 'POST' },
  ): Promise<GraphQLResponse<T>>;
  /** Runs a request and returns it with the statements it sent. */
  counted<T, V>(
    document: TypedDocumentNode<T, V> | string,
    variables?: V,
    token?: string | null,
  ): Promise<GraphQLResponse<T> & { statementCount: number; sql: string[] }>;
  signIn(email: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApp(label: string, env: Record<string, string> = {}): Promise<TestApp> {
  const statements: string[] = [];
  const handle = await createMigratedDatabase(label, { onQuery: (q) => statements.push(q) });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  const app = createApp({ database: handle.database, config, logger: pino({ level: 'silent' }) });

  const request: TestApp['request'] = async (document, variables, options = {}) => {
    const query = typeof document === 'string' ? document : print(document);
    const headers: Record<string, string> = { accept: 'application/graphql-response+json, application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let response: Response;
    if (options.method === 'GET') {
      const params = new URLSearchParams({ query });
      if (variables) params.set('variables', JSON.stringify(variables));
      response = await app.fetch(`http://test/graphql?${params}`, { headers });
    } else {
      headers['content-type'] = 'application/json';
      response = await app.fetch('http://test/graphql', {
        method: 'POST',
        headers,
        body: JSON.stringify({ query, variables }),
      });
    }
    const body = (await response.json()) as Omit<GraphQLResponse<never>, 'status'>;
    return { status: response.status, ...body } as GraphQLResponse<never>;
  };

  return {
    app,
    database: handle.database,
    config,
    statements,
    request,
    async counted(document, variables, token) {
      statements.length = 0;
      const result = await request(document, variables, { token: token ?? null });
      const sql = [...statements];
      return { ...result, statementCount: sql.length, sql };
    },
    async signIn(email, password = 'test-password') {
      const result = await request<{ sessionCreate: { token: string | null } }, unknown>(
        'mutation($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token userErrors { code message } } }',
        { email, password },
      );
      const token = result.data?.sessionCreate.token;
      if (!token) throw new Error(`sign-in failed for ${email}: ${JSON.stringify(result)}`);
      return token;
    },
    async close() {
      await app.dispose();
      await handle.close();
    },
  };
}
