/**
 * The first start (src/server.ts) on a fresh, empty PostgreSQL database with SEED_DEMO=true: every
 * line on stdout is a JSON log line (no plain-text banner in the stream), and it says, in this
 * order, that it is migrating (which migrations), that it seeds the demo set (with the rows it
 * wrote) and where it listens (the GraphiQL URL, the demo login). The URL it names answers.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { freePort } from '../helpers/net.js';
import { until } from '../helpers/wait.js';

interface Line {
  level: number;
  msg: string;
  [field: string]: unknown;
}

describe('the first start', () => {
  let testDb: TestDatabase;
  let child: ChildProcess | null = null;

  beforeAll(async () => {
    testDb = await createTestDatabase('startlog');
  });
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
    await testDb?.drop();
  });

  it('says what it does as JSON lines: migrating, seeding N rows, listening at the URL', async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'development',
        DATABASE_URL: testDb.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_DEMO: 'true',
        LOG_LEVEL: 'info',
        DB_POOL_MIN: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => {
      stdout += d;
    });
    child.stderr!.on('data', (d) => {
      stderr += d;
    });
    await until(async () => {
      if (child!.exitCode !== null) throw new Error(`server exited: ${stderr}${stdout}`);
      return /"msg":"listening at /.test(stdout);
    }, 240_000);

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
    await until(async () => stdout.includes('"requestId":"startup-first"'), 10_000);
    const access = stdout
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
