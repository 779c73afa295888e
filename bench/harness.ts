/**
 * What both bench modes (run.ts: the servers; instances.ts: 1 and N instances behind nginx) share:
 * the settings read from the environment, the fixtures, signing in and asking, running the load
 * generator (load.ts) as its own process, the statistics, the machine's description and writing a
 * results file.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import postgres from 'postgres';
import { encodeGlobalId } from '../src/schema/global-id.js';
import type { LoadResult, LoadSpec } from './load.js';
import type { BenchDatabase } from './pg-cluster.js';
import type { Fixtures } from './workloads.js';

export const ROOT = new URL('..', import.meta.url).pathname;
export const BENCH = `${ROOT}bench/`;
const env = process.env;
/** The settings of a cell both modes read the same way (each adds its own after these). */
export const cellSettings = {
  seconds: Number(env.BENCH_SECONDS ?? 5),
  warmupSeconds: Number(env.BENCH_WARMUP_SECONDS ?? 1),
  rounds: Number(env.BENCH_ROUNDS ?? 3),
  connections: Number(env.BENCH_CONNECTIONS ?? 16),
  poolMax: 10,
};
export const redisUrl = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const ADMIN = { email: 'admin@acme.test', password: 'demo-password' };

export const log = (line: string) => process.stdout.write(`${line}\n`);
export const median = (xs: number[]) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
export const fmt = (x: number, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
export const loadavgNow = () => readFileSync('/proc/loadavg', 'utf8').trim();

/** The harness' own connection to the bench database (admin; one connection). */
export function harnessSql(db: BenchDatabase): postgres.Sql {
  return postgres(db.adminUrl, {
    max: 1,
    onnotice: () => {},
    connection: { application_name: 'bench-harness' },
  });
}

/** The admin's organization: 200 reconciliation ids, its newest project with any, and `since`. */
export async function fixturesOf(sql: postgres.Sql): Promise<Fixtures> {
  const [admin] = await sql<
    { org: string }[]
  >`select organization_id as org from users where email = ${ADMIN.email}`;
  if (!admin) throw new Error(`${ADMIN.email} is not in the database: is it seeded?`);
  const ids = await sql<{ id: string }[]>`
    select id from reconciliations where organization_id = ${admin.org} order by id limit 200`;
  const [project] = await sql<{ id: string }[]>`
    select p.id from projects p
     where p.organization_id = ${admin.org} and not p.archived
       and exists (select 1 from reconciliations r where r.project_id = p.id)
     order by p.created_at desc limit 1`;
  const [since] = await sql<{ since: Date }[]>`
    select least(now(), max(created_at)) - interval '7 days' as since
      from reconciliations where organization_id = ${admin.org}`;
  return {
    orgId: admin.org,
    reconIds: ids.map((r) => r.id),
    reconGlobalIds: ids.map((r) => encodeGlobalId('Reconciliation', r.id)),
    projectId: project!.id,
    projectGlobalId: encodeGlobalId('Project', project!.id),
    since: since!.since.toISOString(),
  };
}

/** One request; its JSON answer, or an error if it was not 200. */
export async function askJson(
  url: string,
  req: { method: string; body?: string | undefined },
  token?: string | null,
): Promise<unknown> {
  const res = await fetch(url, {
    method: req.method,
    headers: {
      ...(req.body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: req.body,
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

/** Signs the seeded admin in at a /graphql URL; the session token (`who` names the server in an error). */
export async function signIn(graphqlUrl: string, who: string): Promise<string> {
  const body = (await askJson(graphqlUrl, {
    method: 'POST',
    body: JSON.stringify({
      query:
        'mutation S($email: String!, $password: String!) { sessionCreate(input: { email: $email, password: $password }) { token } }',
      variables: ADMIN,
    }),
  })) as { data?: { sessionCreate: { token: string | null } } };
  const token = body.data?.sessionCreate.token;
  if (!token) throw new Error(`${who}: sign-in failed: ${JSON.stringify(body)}`);
  return token;
}

/** The load generator (load.ts) as its own process, for one spec. */
export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `${BENCH}load.ts`, JSON.stringify(spec)], {
      cwd: ROOT,
      env: { PATH: env.PATH, HOME: env.HOME, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadResult);
      else reject(new Error(`load generator exited ${code}: ${err.slice(0, 1000)}`));
    });
  });
}

/** Output of a command run in the repository, 'unknown' if it fails. */
export function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', cwd: ROOT }).trim();
  } catch {
    return 'unknown';
  }
}

/** The machine's CPU, cores, RAM and Node (a mode adds its own lines after these). */
export function host(): Record<string, string> {
  return {
    cpu: /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown',
    cores: String(cpus().length),
    ram: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
  };
}

/** The database, the date and the commit measured (the last lines of the machine's description). */
export function measured(db: BenchDatabase): Record<string, string> {
  return {
    postgres: db.version,
    database: db.description,
    date: new Date().toISOString(),
    commit: `${sh('git', ['rev-parse', '--short', 'HEAD'])}${sh('git', ['status', '--porcelain', 'src']) ? ' (src/ had uncommitted changes)' : ''}`,
  };
}

/** Writes bench/results/<name>.md and <name>.json, the JSON in the repository's style (biome). */
export function writeResults(name: string, md: string, json: unknown): void {
  mkdirSync(`${BENCH}results`, { recursive: true });
  writeFileSync(`${BENCH}results/${name}.md`, md);
  writeFileSync(`${BENCH}results/${name}.json`, `${JSON.stringify(json, null, 2)}\n`);
  try {
    // So a committed results file passes `biome check`.
    execFileSync(`${ROOT}node_modules/.bin/biome`, ['format', '--write', `${BENCH}results/${name}.json`], {
      stdio: 'ignore',
    });
  } catch {
    // formatting is cosmetic
  }
}
