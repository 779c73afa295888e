/**
 * Error logs keep the error and drop the data: a failed statement's log lines carry its SQLSTATE
 * and message but none of its parameters (postgres.js' `parameters`, the `params:` drizzle appends
 * to its message, PostgreSQL's `detail`), and Yoga's own log calls are proper lines (they were
 * printed as `{"0":{}}`).
 */
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { GraphQLError } from 'graphql';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { serializeError, withErrorSerializer, yogaLogging } from '../../src/log.js';
import { createMigratedDatabase } from '../helpers/db.js';
import { createOrganization, createUser } from '../helpers/factories.js';

const EMAIL = 'victim.secret@example.test';

describe('the err serializer', () => {
  it('keeps message, SQLSTATE and frames; drops parameters, query values and detail', () => {
    const pg = Object.assign(new Error('invalid input syntax for type uuid: "victim.secret@example.test"'), {
      name: 'PostgresError',
      code: '22P02',
      severity: 'ERROR',
      detail: `Key (email)=(${EMAIL}) already exists.`,
      query: 'select 1 where id = $1',
      parameters: [EMAIL],
      args: [EMAIL],
    });
    const wrapped = new DrizzleQueryError('select 1 where id = $1', [EMAIL, { theme: 'dark' }], pg);
    const out = serializeError(wrapped) as Record<string, unknown> & { cause: Record<string, unknown> };
    const text = JSON.stringify(out);
    expect(text).not.toContain('victim.secret');
    expect(text).not.toContain('dark');
    expect(out.message).toBe('Failed query: select 1 where id = $1');
    expect(out.cause).toMatchObject({ code: '22P02', severity: 'ERROR' });
    expect(out.cause.message).toBe('invalid input syntax for type uuid: "<redacted>"');
    expect(String(out.stack)).toMatch(/^\s+at /);
  });
});

describe('log lines of a GraphQL error', () => {
  it('drop the client values graphql-js quotes, in the message and the err, at debug too', () => {
    const value = '["hunter2-secret"]';
    const reason = new GraphQLError(`String cannot represent a non string value: ${value}`);
    const error = new GraphQLError(`Variable "$p" got invalid value ${value}; ${reason.message}`, {
      originalError: reason,
    });
    const lines: string[] = [];
    const logger = withErrorSerializer(pino({ level: 'debug' }, { write: (l: string) => lines.push(l) }));
    // Yoga's error-level call for an error made only of GraphQL errors: written at debug
    yogaLogging(logger).error(error);
    expect(lines.map((l) => JSON.parse(l).level)).toEqual([20]);
    const line = JSON.parse(lines[0]!) as {
      msg: string;
      err: { message: string; cause: { message: string } };
    };
    expect(line.msg).toBe(
      'yoga: Variable "$p" got an invalid value; String cannot represent a non string value',
    );
    expect(line.err.message).toBe(line.msg.slice('yoga: '.length));
    expect(line.err.cause.message).toBe('String cannot represent a non string value');
    expect(lines.join('\n')).not.toContain('hunter2');
  });
});

describe('error logs of a failed statement', () => {
  let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let app: App;
  const lines: string[] = [];

  beforeAll(async () => {
    handle = await createMigratedDatabase('logging');
    const org = await createOrganization(handle.database.db);
    await createUser(handle.database.db, org.id, 'member', EMAIL);
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    app = createApp({
      database: handle.database,
      config: loadConfig({
        NODE_ENV: 'test',
        RATE_LIMIT_PER_MINUTE: '0',
        SIGNIN_ATTEMPTS_PER_15_MIN: '1000',
      }),
      logger,
    });
  });
  afterAll(async () => {
    await app?.dispose();
    await handle?.close();
  });

  it('log the error with its SQLSTATE and without the email it was looked up by', async () => {
    await handle.database.db.execute('alter table users rename column password_hash to password_hash_broken');
    try {
      const res = await app.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({
          query: `mutation { sessionCreate(input: { email: "${EMAIL}", password: "hunter2-secret" }) { token } }`,
        }),
      });
      const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
      expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await handle.database.db.execute(
        'alter table users rename column password_hash_broken to password_hash',
      );
    }
    const errors = lines.filter((l) => JSON.parse(l).level >= 50);
    expect(errors.length).toBeGreaterThan(0);
    const all = lines.join('\n');
    expect(all).not.toContain('victim.secret');
    expect(all).not.toContain('hunter2');
    expect(all).not.toContain('{"0":');
    // the error is there: its code, the column, and a message on every line
    expect(all).toContain('42703');
    expect(all).toContain('password_hash');
    for (const line of errors) expect(JSON.parse(line).msg, line).toMatch(/\w/);
  });
});

describe('debug logs of a value that did not coerce', () => {
  let handle: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let app: App;
  const lines: string[] = [];

  beforeAll(async () => {
    handle = await createMigratedDatabase('logging-debug');
    const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(line) });
    app = createApp({
      database: handle.database,
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '0' }),
      logger,
    });
  });
  afterAll(async () => {
    await app?.dispose();
    await handle?.close();
  });

  it('hold no password sent in a wrong-typed variable', async () => {
    const res = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({
        query: `mutation($p: String!) { sessionCreate(input: { email: "${EMAIL}", password: $p }) { token } }`,
        variables: { p: ['hunter2-secret'] },
      }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // the error was logged (at debug: it is the client's), with where and why but not the value
    // debug lines were written (Yoga's own), none with the password
    expect(lines.some((l) => JSON.parse(l).level === 20)).toBe(true);
    expect(lines.filter((l) => l.includes('hunter2'))).toEqual([]);
  });
});
