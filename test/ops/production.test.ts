/**
 * The production build and shutdown, as an operator runs them: `npm run build`'s output served by
 * `node dist/server.js` with no TypeScript compiler installed, and SIGTERM (to `npm start` or to
 * node itself) draining the server: /readyz 503, the in-flight request answered, exit 0, no
 * process left, no database connection left; past SHUTDOWN_TIMEOUT_S, connections cut and exit 1.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMigratedDatabase, createTestDatabase, type TestDatabase, whileLocked } from '../helpers/db.js';
import { createOrganization, createUser, TEST_PASSWORD } from '../helpers/factories.js';
import { startServerProcess } from '../helpers/server-process.js';
import { until } from '../helpers/wait.js';

const REPO = path.resolve(import.meta.dirname, '../..');
/** Left out of the production tree: with them gone, any run-time TypeScript compilation fails. */
const COMPILERS = new Set(['tsx', 'typescript', 'esbuild', '@esbuild', '.bin']);

/** pid -> parent pid of every process (Linux' /proc). */
async function parents(): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => null);
    // `pid (comm) state ppid ...`; comm may hold spaces and parentheses.
    const fields = stat?.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields) map.set(Number(entry), Number(fields[1]));
  }
  return map;
}

async function descendants(pid: number): Promise<number[]> {
  const tree = await parents();
  const found: number[] = [];
  const walk = (p: number) => {
    for (const [child, parent] of tree) {
      if (parent === p) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/** Running (a zombie, exited but not yet reaped by its new parent, counts as gone). */
async function alive(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  return stat !== null && stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
}

async function backends(database: string, application: string): Promise<string[]> {
  const admin = postgres(inject('adminDatabaseUrl'), { max: 1, onnotice: () => {} });
  try {
    const rows = await admin<{ application_name: string }[]>`
      select application_name from pg_stat_activity
      where datname = ${database} and application_name like ${`${application}%`}`;
    return rows.map((r) => r.application_name);
  } finally {
    await admin.end();
  }
}

/** Until a statement of `application` waits on a lock. */
async function waitingOnLock(application: string): Promise<void> {
  const admin = postgres(inject('adminDatabaseUrl'), { max: 1, onnotice: () => {} });
  try {
    await until(async () => {
      const rows = await admin`select 1 from pg_stat_activity
        where wait_event_type = 'Lock' and application_name = ${application}`;
      return rows.length > 0;
    }, 20_000);
  } finally {
    await admin.end();
  }
}

interface Server {
  child: ChildProcess;
  port: number;
  output: () => string;
  /** The process and its descendants (`sh`, `node`) once it answered. */
  tree: number[];
  /** Exit code (or signal name) and when it came. */
  exited: Promise<{ code: number | string; at: number }>;
  /** SIGKILL to whatever of `tree` still runs (after a failed test). */
  stop(): Promise<void>;
}

/** Starts a server process and waits until it answers /readyz. */
async function startServer(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
): Promise<Server> {
  const { child, port, output, exited, waitFor } = await startServerProcess({
    command,
    args,
    cwd,
    env: { ACCESS_LOG: 'false', ...env },
  });
  try {
    await waitFor(async () => (await get(port, '/readyz').catch(() => null))?.status === 200, 60_000);
  } catch (err) {
    for (const pid of [...(await descendants(child.pid!)), child.pid!]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {}
    }
    throw err;
  }
  const tree = [child.pid!, ...(await descendants(child.pid!))];
  const stop = async () => {
    for (const pid of tree) {
      if (await alive(pid)) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {}
      }
    }
  };
  return { child, port, output, tree, exited, stop };
}

/** One request on a connection of its own (no keep-alive agent). */
function send(
  port: number,
  pathname: string,
  { body, headers = {} }: { body?: object; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: body ? 'POST' : 'GET',
        agent: false,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}
const get = (port: number, pathname: string, headers: Record<string, string> = {}) =>
  send(port, pathname, { headers });

const SIGN_IN = `mutation ($email: String!, $password: String!) {
  sessionCreate(input: { email: $email, password: $password }) { token userErrors { code } }
}`;

async function signIn(port: number, email: string): Promise<string> {
  const res = await send(port, '/graphql', {
    body: { query: SIGN_IN, variables: { email, password: TEST_PASSWORD } },
  });
  const token = JSON.parse(res.text).data?.sessionCreate?.token;
  if (!token) throw new Error(`no token: ${res.text}`);
  return token;
}

/** The query the drain tests hold on a lock (it reads `projects`). */
const countProjects = (port: number, token: string) =>
  send(port, '/graphql', {
    body: { query: '{ projects(first: 1) { totalCount } }' },
    headers: { authorization: `Bearer ${token}` },
  });

let buildRoot: string;
let buildMs: number;

beforeAll(async () => {
  // The layout `npm ci --omit=dev && npm run build` leaves: package.json, drizzle/, dist/ and
  // node_modules/ without the compilers; no src/.
  buildRoot = await mkdtemp(path.join(tmpdir(), 'recon-build-'));
  await writeFile(path.join(buildRoot, 'package.json'), await readFile(path.join(REPO, 'package.json')));
  await symlink(path.join(REPO, 'drizzle'), path.join(buildRoot, 'drizzle'));
  await mkdir(path.join(buildRoot, 'node_modules'));
  for (const entry of await readdir(path.join(REPO, 'node_modules'))) {
    if (!COMPILERS.has(entry)) {
      await symlink(path.join(REPO, 'node_modules', entry), path.join(buildRoot, 'node_modules', entry));
    }
  }
  const started = performance.now();
  // `npm run build` is this with type checking (`npm run typecheck` checks the same sources).
  const tsc = spawn(
    process.execPath,
    [
      'node_modules/typescript/bin/tsc',
      '-p',
      'tsconfig.build.json',
      '--noCheck',
      '--outDir',
      path.join(buildRoot, 'dist'),
    ],
    { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  tsc.stdout.on('data', (d) => {
    out += d;
  });
  tsc.stderr.on('data', (d) => {
    out += d;
  });
  const code = await new Promise((resolve) => tsc.once('exit', resolve));
  if (code !== 0) throw new Error(`tsc failed:\n${out}`);
  buildMs = performance.now() - started;
}, 180_000);

afterAll(async () => {
  if (buildRoot) await rm(buildRoot, { recursive: true, force: true });
});

describe('production build', () => {
  it('serves from dist with no TypeScript compiler installed', async () => {
    const files = await readdir(path.join(buildRoot, 'dist'), { recursive: true });
    expect(files).toContain('server.js');
    // Every relative import of the output names a .js file there.
    for (const file of files.filter((f) => f.endsWith('.js'))) {
      const text = await readFile(path.join(buildRoot, 'dist', file), 'utf8');
      const imports = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1]!);
      for (const specifier of imports) {
        expect(specifier, `${file} imports ${specifier}`).not.toMatch(/\.ts$|^tsx(\/|$)|^typescript$/);
        if (specifier.startsWith('.')) expect(specifier, `${file} imports ${specifier}`).toMatch(/\.js$/);
      }
    }

    const started = performance.now();
    // A fresh PostgreSQL database (a fresh PGlite takes 20-30 s to create and migrate here).
    const testDb = await createTestDatabase('build');
    const server = await startServer(process.execPath, ['dist/server.js'], buildRoot, {
      NODE_ENV: 'production',
      DATABASE_URL: testDb.url,
      // Off by default in production: on here, so the build's GraphiQL page (a module imported on
      // its first request) is checked.
      GRAPHIQL: 'true',
    });
    const startMs = performance.now() - started;
    try {
      const ready = await get(server.port, '/readyz');
      expect(JSON.parse(ready.text)).toMatchObject({ status: 'ok', postgres: 'up' });
      // A GraphQL operation that reads the database: an unknown login is a user error.
      const res = await send(server.port, '/graphql', {
        body: { query: SIGN_IN, variables: { email: 'nobody@example.test', password: 'wrong-password' } },
      });
      expect(res.status).toBe(200);
      expect(JSON.parse(res.text).data.sessionCreate).toMatchObject({ token: null });
      // GraphiQL's page, and every asset it names on this server.
      const page = await get(server.port, '/graphql', { accept: 'text/html' });
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/graphiql/i);
      const assets = [...page.text.matchAll(/(?:src|href)="(\/[^"/][^"]*)"/g)].map((m) => m[1]!);
      for (const asset of assets) expect((await get(server.port, asset)).status, asset).toBe(200);
      console.log(
        `production: tsc --noCheck ${Math.round(buildMs)} ms; node dist/server.js ready in ${Math.round(startMs)} ms (fresh database, migrated); ${assets.length} local GraphiQL assets`,
      );
      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);
      expect(server.output()).not.toMatch(/ERR_MODULE_NOT_FOUND|ERR_UNKNOWN_FILE_EXTENSION/);
    } finally {
      await server.stop();
      await testDb.drop();
    }
  }, 120_000);
});

describe('shutdown', () => {
  let testDb: TestDatabase;
  let email: string;

  beforeAll(async () => {
    const handle = await createMigratedDatabase('drain');
    testDb = handle.testDb;
    const org = await createOrganization(handle.database.db);
    email = (await createUser(handle.database.db, org.id)).email;
    await handle.database.close();
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  /**
   * SIGTERM to `started`'s process while a query waits on a lock: the query is answered with its
   * data once the lock goes, /readyz says 503 meanwhile, and everything exits 0.
   */
  async function drains(label: string, server: Server, application: string, timeoutS: number) {
    try {
      await drainsOrThrows(label, server, application, timeoutS);
    } catch (err) {
      console.log(`${label}'s output:\n${server.output()}`);
      throw err;
    }
  }
  async function drainsOrThrows(label: string, server: Server, application: string, timeoutS: number) {
    expect(await backends(testDb.name, application)).not.toEqual([]);
    const token = await signIn(server.port, email);
    let signalled = 0;
    let answered = 0;
    const held = 1500;
    // Wrapped: a promise returned by `work` would be awaited with the lock still held.
    const { inFlight } = await whileLocked(
      testDb.url,
      (tx) => tx`lock table projects in access exclusive mode`,
      async () => {
        // The query waits on the lock; it is in flight when the signal comes.
        const inFlight = countProjects(server.port, token).then((res) => {
          answered = performance.now();
          return res;
        });
        await waitingOnLock(application);
        server.child.kill('SIGTERM');
        signalled = performance.now();
        // Draining: still listening while the query runs, and not ready.
        await until(async () => (await get(server.port, '/readyz').catch(() => null))?.status === 503, 5000);
        const ready = await get(server.port, '/readyz');
        expect(ready.status).toBe(503);
        expect(JSON.parse(ready.text)).toMatchObject({ status: 'draining' });
        expect(ready.headers.connection).toBe('close');
        await new Promise((resolve) => setTimeout(resolve, held));
        return { inFlight };
      },
    );
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ data: { projects: { totalCount: 0 } } });
    expect(answer.headers.connection).toBe('close');
    const exit = await Promise.race([
      server.exited,
      new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutS * 1000 + 2000)),
    ]);
    expect(exit, `${label} exits within SHUTDOWN_TIMEOUT_S:\n${server.output()}`).not.toBeNull();
    expect(exit!.code).toBe(0);
    expect(exit!.at - signalled).toBeLessThan(timeoutS * 1000);
    for (const pid of server.tree) expect(await alive(pid), `pid ${pid} of ${label} still runs`).toBe(false);
    expect(await backends(testDb.name, application)).toEqual([]);
    expect(server.output()).toMatch(/drained: stopped/);
    console.log(
      `drain (${label}): answer ${Math.round(answered - signalled)} ms after SIGTERM (lock held ${held} ms), exit after ${Math.round(exit!.at - signalled)} ms`,
    );
  }

  const env = (application: string, timeoutS: number) => ({
    NODE_ENV: 'test',
    DATABASE_URL: testDb.url,
    DB_APPLICATION_NAME: application,
    DB_POOL_MIN: '2',
    // The in-flight query waits on a lock while the test signals and probes (a loaded machine).
    DB_LOCK_TIMEOUT_MS: '60000',
    REDIS_URL: inject('redisUrl'),
    REDIS_KEY_PREFIX: `${inject('runId')}:${application}:`,
    SHUTDOWN_TIMEOUT_S: String(timeoutS),
  });

  // The same drain through npm (SIGTERM to npm's process tree) and to node itself.
  for (const { title, label, tag, start, timeoutMs } of [
    {
      title: 'SIGTERM to `npm start` drains and exits 0, leaving no process',
      label: 'npm start',
      tag: 'npm',
      start: (env: Record<string, string>) => startServer('npm', ['start'], REPO, env),
      timeoutMs: 120_000,
    },
    {
      title: 'SIGTERM to node dist/server.js drains and exits 0',
      label: 'node dist/server.js',
      tag: 'dist',
      start: (env: Record<string, string>) =>
        startServer(process.execPath, ['dist/server.js'], buildRoot, env),
      timeoutMs: 60_000,
    },
  ]) {
    it(
      title,
      async () => {
        const application = `recon-drain-${tag}-${process.pid}`;
        const server = await start(env(application, 10));
        try {
          await drains(label, server, application, 10);
        } finally {
          await server.stop();
        }
      },
      timeoutMs,
    );
  }

  it('past SHUTDOWN_TIMEOUT_S cuts the connections and exits 1', async () => {
    const application = `recon-drain-cut-${process.pid}`;
    const server = await startServer(process.execPath, ['dist/server.js'], buildRoot, env(application, 2));
    try {
      const token = await signIn(server.port, email);
      let signalled = 0;
      const outcome = await whileLocked(
        testDb.url,
        (tx) => tx`lock table projects in access exclusive mode`,
        async () => {
          const inFlight = countProjects(server.port, token).then(
            (res) => `answered ${res.status}`,
            (err: NodeJS.ErrnoException) => err.code ?? err.message,
          );
          await waitingOnLock(application);
          server.child.kill('SIGTERM');
          signalled = performance.now();
          const exit = await server.exited;
          return { exit, request: await inFlight };
        },
      );
      expect(outcome.exit.code).toBe(1);
      const after = outcome.exit.at - signalled;
      expect(after).toBeGreaterThanOrEqual(1900);
      expect(after).toBeLessThan(5000);
      expect(outcome.request).toBe('ECONNRESET');
      expect(server.output()).toMatch(/drain timed out after 2 s/);
      await until(async () => (await backends(testDb.name, application)).length === 0, 10_000);
      console.log(`drain timeout: exit 1 after ${Math.round(after)} ms (SHUTDOWN_TIMEOUT_S=2)`);
    } finally {
      await server.stop();
    }
  }, 60_000);
});
