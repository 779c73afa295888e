/**
 * The first start (src/server.ts) on a fresh, empty PostgreSQL database with SEED_DEMO=true: every
 * line on stdout is a JSON log line (no plain-text banner in the stream), and it says, in this
 * order, that it is migrating (which migrations), that it seeds the demo set (with the rows it
 * wrote) and where it listens (the GraphiQL URL, the demo login). The URL it names answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { type LogLine as Line, type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { until } from '../helpers/wait.js';

describe('the first start', () => {
  let testDb: TestDatabase;
  let server: ServerProcess | null = null;

  beforeAll(async () => {
    testDb = await createTestDatabase('startlog');
  });
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await testDb?.drop();
  });

  it('says what it does as JSON lines: migrating, seeding N rows, listening at the URL', async () => {
    server = await startServerProcess({
      env: { NODE_ENV: 'development', DATABASE_URL: testDb.url, SEED_DEMO: 'true', DB_POOL_MIN: '1' },
    });
    const { port } = server;
    await server.waitForLine('listening at ', 240_000);

    const stdout = server.stdout();
    const raw = stdout.split('\n').filter((l) => l.trim() !== '');
    const lines = raw.map((text) => {
      let line: Line;
      try {
        line = JSON.parse(text) as Line;
      } catch {
        throw new Error(`not a JSON line on stdout: ${text}`);
      }
      expect(line.level, text).toEqual(expect.any(Number));
      expect(line.msg, text).toEqual(expect.any(String));
      return line;
    });

    const at = (test: (l: Line) => boolean) => lines.findIndex(test);
    const migrating = at((l) => l.msg === 'migrating');
    const migrated = at((l) => l.msg.startsWith('migrated'));
    const seeding = at((l) => l.msg.startsWith('seeding the demo set'));
    const seeded = at((l) => l.msg.startsWith('seeded the demo set'));
    const listening = at((l) => l.msg.startsWith('listening at '));
    expect(
      [migrating, migrated, seeding, seeded, listening].every((i) => i >= 0),
      stdout,
    ).toBe(true);
    expect(migrating).toBeLessThan(migrated);
    expect(migrated).toBeLessThan(seeding);
    expect(seeding).toBeLessThan(seeded);
    expect(seeded).toBeLessThan(listening);

    // Which migrations: every one, on an empty database, by file name.
    const pending = lines[migrating]!.pending as string[];
    expect(pending.length).toBeGreaterThan(0);
    expect(pending[0]).toMatch(/^0000_\w+\.sql$/);
    expect(lines[migrated]!.applied).toEqual(pending);

    // The rows the seed wrote, in all and by table, in the message and as fields.
    const { rows, counts } = lines[seeded]! as Line & { rows: number; counts: Record<string, number> };
    expect(counts.reconciliations).toBe(2000);
    expect(counts.users).toBeGreaterThan(0);
    expect(rows).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    expect(lines[seeded]!.msg).toBe(`seeded the demo set: ${rows} rows`);

    const url = `http://127.0.0.1:${port}/graphql`;
    expect(lines[listening]).toMatchObject({
      level: 30,
      msg: `listening at ${url}`,
      url,
      demoLogin: { email: 'admin@acme.test', password: 'demo-password' },
    });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'startup-first' },
      body: JSON.stringify({ query: 'query StartupFirst { __typename }' }),
    });
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });

    // The access log is on by default: the request's line, with the id it was sent.
    await until(async () => server!.stdout().includes('"requestId":"startup-first"'), 10_000);
    const access = server
      .stdout()
      .split('\n')
      .filter((l) => l.includes('"requestId":"startup-first"'))
      .map((l) => JSON.parse(l) as Line);
    expect(access).toEqual([
      expect.objectContaining({
        level: 30,
        msg: 'request',
        method: 'POST',
        path: '/graphql',
        operationName: 'StartupFirst',
        status: 200,
        signedIn: false,
      }),
    ]);
  }, 300_000);
});
