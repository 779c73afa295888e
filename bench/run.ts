/**
 * `npm run bench`: the benchmark of record (issue 9). Five workloads against four servers on a
 * seeded scale-100 database: a raw-SQL floor, PostGraphile 5, the API with its response cache off,
 * and the API with the Redis cache warm. Rounds are interleaved (round -> workload -> server) and
 * each figure is the median over rounds; ratios are to the floor of the same round.
 *
 * Env: BENCH_SECONDS (5), BENCH_WARMUP_SECONDS (1), BENCH_ROUNDS (3), BENCH_CONNECTIONS (16),
 * BENCH_WORKLOADS=W1,W3, BENCH_SERVERS=floor,api-off, BENCH_DATABASE_URL (else an own cluster,
 * see bench/pg-cluster.ts), BENCH_KEEP_PG=1, BENCH_LOG_LEVEL (info, as in production),
 * REDIS_URL (default redis://127.0.0.1:6379).
 * Writes bench/results/latest.md and latest.json.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import type postgres from 'postgres';
import {
  askJson,
  BENCH,
  cellSettings,
  fixturesOf,
  fmt,
  harnessSql,
  host,
  loadavgNow,
  log,
  measured,
  median,
  ROOT,
  redisUrl,
  runLoad,
  sh,
  signIn,
  writeResults,
} from './harness.js';
import type { LoadSpec } from './load.js';
import {
  backendCpu,
  backendDelta,
  cacheMemory,
  cpuMs,
  deletePrefix,
  resetStatements,
  rssMb,
  statementCalls,
} from './measure.js';
import { type BenchDatabase, openBenchDatabase } from './pg-cluster.js';
import {
  canonical,
  type Fixtures,
  makeDriver,
  SERVERS,
  type ServerName,
  WORKLOAD_TITLES,
  WORKLOADS,
  type WorkloadName,
} from './workloads.js';

const env = process.env;
const settings = {
  ...cellSettings,
  workloads: pick(env.BENCH_WORKLOADS, WORKLOADS),
  servers: pick(env.BENCH_SERVERS, SERVERS),
};

function pick<T extends string>(list: string | undefined, all: readonly T[]): T[] {
  if (!list) return [...all];
  const chosen = list.split(',').map((s) => s.trim()) as T[];
  const bad = chosen.filter((c) => !all.includes(c));
  if (bad.length) throw new Error(`unknown ${bad.join(', ')}: choose from ${all.join(', ')}`);
  return all.filter((a) => chosen.includes(a));
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function freePort(from: number): Promise<number> {
  for (let port = from; ; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
    });
    if (free) return port;
  }
}

// ---- servers ---------------------------------------------------------------------------------

interface Running {
  name: ServerName;
  role: string;
  port: number;
  child: ChildProcess;
  stderr: string[];
  token: string | null;
  /** Redis key prefix (API servers). */
  prefix: string | null;
}

const roleOf = (name: ServerName) => `bench_${name.replace('-', '_')}`;

async function startServer(name: ServerName, db: BenchDatabase, port: number): Promise<Running> {
  const role = roleOf(name);
  const url = db.urlFor(role);
  const appName = `bench-${name}`;
  const base = { PATH: env.PATH, HOME: env.HOME, NODE_ENV: 'production', PORT: String(port) };
  let args: string[];
  let childEnv: NodeJS.ProcessEnv;
  let prefix: string | null = null;
  if (name === 'floor') {
    args = ['--import', 'tsx', `${BENCH}floor.ts`];
    childEnv = {
      ...base,
      DATABASE_URL: url,
      DB_POOL_MAX: String(settings.poolMax),
      PG_APPLICATION_NAME: appName,
    };
  } else if (name === 'postgraphile') {
    args = [`${BENCH}postgraphile/server.mjs`];
    childEnv = {
      ...base,
      DATABASE_URL: url,
      DB_POOL_MAX: String(settings.poolMax),
      PG_APPLICATION_NAME: appName,
    };
  } else {
    prefix = `bench:${name}:${process.pid}:`;
    args = ['--import', 'tsx', `${ROOT}src/server.ts`];
    childEnv = {
      ...base,
      DATABASE_URL: url,
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: prefix,
      HOST: '127.0.0.1',
      // Production's level: an access line per request is part of what a request costs (written to
      // /dev/null here, so serialising it is measured, a terminal's speed is not).
      LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      DB_POOL_MAX: String(settings.poolMax),
      DB_APPLICATION_NAME: appName,
      SEED_DEMO: 'false',
      CACHE_ENABLED: name === 'api-warm' ? 'true' : 'false',
    };
  }
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr: string[] = [];
  child.stderr!.on('data', (c: Buffer) => {
    stderr.push(c.toString());
    if (stderr.length > 50) stderr.shift();
  });
  const running: Running = { name, role, port, child, stderr, token: null, prefix };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited at start:\n${stderr.join('')}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}${name === 'floor' ? '/w4' : '/graphql'}`, {
        method: name === 'floor' ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json' },
        body: name === 'floor' ? undefined : JSON.stringify({ query: '{ __typename }' }),
      });
      await res.text();
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${name} did not answer within 60 s:\n${stderr.join('')}`);
      await sleep(250);
    }
  }
  if (prefix) running.token = await signIn(`http://127.0.0.1:${port}/graphql`, name);
  log(`  ${name} up on :${port} (pid ${child.pid})`);
  return running;
}

async function stopServer(s: Running) {
  if (s.child.exitCode !== null) return;
  s.child.kill('SIGTERM');
  const gone = new Promise((r) => s.child.once('exit', r));
  if ((await Promise.race([gone, sleep(10_000).then(() => 'timeout')])) === 'timeout')
    s.child.kill('SIGKILL');
}

// ---- one request, equality ---------------------------------------------------------------------

const ask = (s: Running, req: { method: string; path: string; body?: string }) =>
  askJson(`http://127.0.0.1:${s.port}${req.path}`, req, s.token);

/** The canonical answer of a server to a workload (W5: the whole walk, in order). */
async function answer(s: Running, w: WorkloadName, fx: Fixtures): Promise<unknown> {
  const driver = makeDriver(s.name, w, fx);
  if (w === 'W1') {
    const out = [];
    for (let i = 0; i < fx.reconIds.length; i++) out.push(canonical(s.name, w, await ask(s, driver.next())));
    return out;
  }
  if (w !== 'W5') return canonical(s.name, w, await ask(s, driver.next()));
  const walk: unknown[] = [];
  for (let page = 0; page < 1000; page++) {
    const req = driver.next();
    const body = await ask(s, req);
    walk.push(...(canonical(s.name, w, body) as unknown[]));
    driver.onBody(JSON.stringify(body));
    if (driver.wrapped) return walk;
  }
  throw new Error(`${s.name} W5: the walk did not end within 1000 pages`);
}

function firstDifference(a: unknown, b: unknown, path = ''): string {
  if (JSON.stringify(a) === JSON.stringify(b)) return '';
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
  }
  return `${path || '(top)'}: ${JSON.stringify(a)?.slice(0, 300)} vs ${JSON.stringify(b)?.slice(0, 300)}`;
}

// ---- a cell --------------------------------------------------------------------------------------

interface Cell {
  round: number;
  workload: WorkloadName;
  server: ServerName;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  serverCpuMs: number;
  pgCpuMs: number;
  /** null: pg_stat_statements not available. */
  statements: number | null;
  errors: number;
  firstError: string | null;
}

async function runCell(
  sql: postgres.Sql,
  db: BenchDatabase,
  s: Running,
  w: WorkloadName,
  fx: Fixtures,
  round: number,
): Promise<Cell> {
  const spec: LoadSpec = {
    port: s.port,
    server: s.name,
    workload: w,
    fixtures: fx,
    token: s.token,
    connections: settings.connections,
    seconds: settings.warmupSeconds,
  };
  // Warm means every answer of the workload is in the cache: a 1 s warm-up alone leaves most of W1's
  // 200 ids (and, on a busy machine, W3) unstored, and reconciliation entries live only 30 s.
  if (s.name === 'api-warm') await answer(s, w, fx);
  if (settings.warmupSeconds > 0) await runLoad(spec);
  if (db.statements) await resetStatements(sql);
  const pid = s.child.pid!;
  const cpu0 = cpuMs(pid);
  const pg0 = await backendCpu(sql, s.role);
  const load = await runLoad({ ...spec, seconds: settings.seconds });
  const cpu1 = cpuMs(pid);
  const pg1 = await backendCpu(sql, s.role);
  const calls = db.statements && db.rolesPerServer ? await statementCalls(sql, s.role) : null;
  const n = Math.max(1, load.requests);
  return {
    round,
    workload: w,
    server: s.name,
    rps: load.rps,
    p50: load.p50,
    p99: load.p99,
    requests: load.requests,
    serverCpuMs: (cpu1 - cpu0) / n,
    pgCpuMs: backendDelta(pg0, pg1) / n,
    statements: calls === null ? null : calls / n,
    errors: load.errors,
    firstError: load.firstError,
  };
}

// ---- report --------------------------------------------------------------------------------------

interface Summary {
  workload: WorkloadName;
  server: ServerName;
  rps: number;
  rpsRatio: number;
  p50: number;
  p99: number;
  serverCpuMs: number;
  serverCpuRatio: number;
  pgCpuMs: number;
  pgCpuRatio: number;
  statements: number | null;
  errors: number;
  firstError: string | null;
}

function summarize(cells: Cell[]): Summary[] {
  const out: Summary[] = [];
  for (const w of settings.workloads) {
    for (const server of settings.servers) {
      const mine = cells.filter((c) => c.workload === w && c.server === server);
      if (!mine.length) continue;
      const ratio = (f: (c: Cell) => number) =>
        median(
          mine.map((c) => {
            const floor = cells.find((x) => x.workload === w && x.server === 'floor' && x.round === c.round);
            return floor ? f(c) / f(floor) : Number.NaN;
          }),
        );
      const stmts = mine.map((c) => c.statements);
      out.push({
        workload: w,
        server,
        rps: median(mine.map((c) => c.rps)),
        rpsRatio: ratio((c) => c.rps),
        p50: median(mine.map((c) => c.p50)),
        p99: median(mine.map((c) => c.p99)),
        serverCpuMs: median(mine.map((c) => c.serverCpuMs)),
        serverCpuRatio: ratio((c) => c.serverCpuMs),
        pgCpuMs: median(mine.map((c) => c.pgCpuMs)),
        pgCpuRatio: ratio((c) => c.pgCpuMs),
        statements: stmts.includes(null) ? null : median(stmts as number[]),
        errors: mine.reduce((a, c) => a + c.errors, 0),
        firstError: mine.find((c) => c.firstError)?.firstError ?? null,
      });
    }
  }
  return out;
}

const fmtRatio = (x: number) => (Number.isFinite(x) ? `${x.toFixed(2)}x` : 'n/a');

function targets(summary: Summary[]): string[] {
  const lines: string[] = [];
  for (const w of settings.workloads) {
    const get = (s: ServerName) => summary.find((x) => x.workload === w && x.server === s);
    const floor = get('floor');
    const pgl = get('postgraphile');
    const off = get('api-off');
    const warm = get('api-warm');
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    if (off && pgl) {
      lines.push(
        `${w} ${verdict(off.rpsRatio >= 1.2 * pgl.rpsRatio)}  api-off req/s ratio ${fmtRatio(off.rpsRatio)} >= 1.2 x PostGraphile's ${fmtRatio(pgl.rpsRatio)} (= ${fmtRatio(1.2 * pgl.rpsRatio)})`,
      );
    }
    if (warm && floor) {
      lines.push(
        `${w} ${verdict(warm.rpsRatio >= 1)}  api-warm req/s ratio ${fmtRatio(warm.rpsRatio)} >= 1.00x`,
      );
      if (w !== 'W1') {
        const budget = floor.serverCpuMs + floor.pgCpuMs;
        lines.push(
          `${w} ${verdict(warm.serverCpuMs <= budget)}  api-warm server CPU ${fmt(warm.serverCpuMs, 3)} ms/req <= floor server + PG CPU ${fmt(budget, 3)} ms/req`,
        );
      }
    }
  }
  return lines;
}

function table(summary: Summary[], statementsNote: string): string[] {
  const lines: string[] = [];
  for (const w of settings.workloads) {
    lines.push('', `### ${w}: ${WORKLOAD_TITLES[w]}`, '');
    lines.push(
      '| server | req/s | x floor | p50 ms | p99 ms | server CPU ms/req | x floor | PG CPU ms/req | x floor | SQL stmts/req | errors |',
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|',
    );
    for (const s of summary.filter((x) => x.workload === w)) {
      lines.push(
        `| ${s.server} | ${fmt(s.rps, 0)} | ${fmtRatio(s.rpsRatio)} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${fmt(s.serverCpuMs, 3)} | ${fmtRatio(s.serverCpuRatio)} | ${fmt(s.pgCpuMs, 3)} | ${fmtRatio(s.pgCpuRatio)} | ${s.statements === null ? statementsNote : fmt(s.statements)} | ${s.errors ? `${s.errors}: ${(s.firstError ?? '').replace(/\|/g, '/').slice(0, 200)}` : '0'} |`,
      );
    }
  }
  return lines;
}

function machine(db: BenchDatabase): Record<string, string> {
  return { uname: sh('uname', ['-a']), ...host(), ...measured(db) };
}

// ---- main ------------------------------------------------------------------------------------------

async function main() {
  const began = Date.now();
  log(
    `bench: ${settings.workloads.join(',')} x ${settings.servers.join(',')}, ${settings.rounds} rounds, ` +
      `${settings.warmupSeconds}+${settings.seconds} s a cell, ${settings.connections} connections`,
  );
  if (settings.servers.includes('postgraphile') && !existsSync(`${BENCH}postgraphile/node_modules`)) {
    log('installing bench/postgraphile (npm ci)');
    execFileSync('npm', ['ci', '--prefix', `${BENCH}postgraphile`, '--no-audit', '--no-fund'], {
      stdio: 'inherit',
    });
  }
  const db = await openBenchDatabase(SERVERS.map(roleOf));
  const statementsNote = !db.statements
    ? 'n/a (pg_stat_statements not loaded)'
    : !db.rolesPerServer
      ? 'n/a (no role per server)'
      : '';
  const sql = harnessSql(db);
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const servers: Running[] = [];
  const cells: Cell[] = [];
  const cacheByWorkload: Awaited<ReturnType<typeof cacheMemory>> = {};
  const loadavg: string[] = [loadavgNow()];
  let failed = false;
  try {
    const fx = await fixturesOf(sql);
    log(`fixtures: org ${fx.orgId}, ${fx.reconIds.length} ids, project ${fx.projectId}, since ${fx.since}`);
    let port = 5600;
    for (const name of settings.servers) {
      port = await freePort(port + 1);
      servers.push(await startServer(name, db, port));
    }
    if (servers.some((s) => s.prefix)) await redis.connect();

    // Equality: every server's canonical answer must be the floor's (or the first server's).
    log('checking that every server gives the same answers');
    const broken = new Map<string, string>();
    for (const w of settings.workloads) {
      let reference: { name: string; value: unknown } | null = null;
      for (const s of servers) {
        let value: unknown;
        try {
          value = await answer(s, w, fx);
        } catch (err) {
          broken.set(`${w}/${s.name}`, (err as Error).message);
          log(`  ${w} ${s.name}: ERROR ${(err as Error).message}`);
          continue;
        }
        if (!reference) {
          reference = { name: s.name, value };
          const size = Array.isArray(value) ? `${value.length} rows` : JSON.stringify(value).slice(0, 80);
          log(`  ${w} ${s.name}: ${size}`);
          continue;
        }
        const diff = firstDifference(reference.value, value);
        if (diff) throw new Error(`${w}: ${s.name} differs from ${reference.name} at ${diff}`);
        log(`  ${w} ${s.name}: same`);
      }
    }

    for (let round = 1; round <= settings.rounds; round++) {
      for (const w of settings.workloads) {
        for (const s of servers) {
          if (broken.has(`${w}/${s.name}`)) continue;
          const cell = await runCell(sql, db, s, w, fx, round);
          cells.push(cell);
          if (s.name === 'api-warm' && s.prefix) {
            // Entries live CACHE_DEFAULT_TTL_S (60 s): read this workload's right after its cell.
            const mine = (await cacheMemory(redis, s.prefix))[w];
            if (mine) cacheByWorkload[w] = mine;
          }
          log(
            `round ${round} ${w} ${s.name.padEnd(12)} ${fmt(cell.rps, 0).padStart(6)} req/s  p50 ${fmt(cell.p50)}  p99 ${fmt(cell.p99)}  ` +
              `srv ${fmt(cell.serverCpuMs, 3)}  pg ${fmt(cell.pgCpuMs, 3)} ms/req  sql ${cell.statements === null ? 'n/a' : fmt(cell.statements)}/req` +
              (cell.errors ? `  ERRORS ${cell.errors}: ${cell.firstError}` : ''),
          );
        }
      }
    }

    loadavg.push(loadavgNow());
    const summary = summarize(cells);
    for (const [key, message] of broken) {
      const [w, server] = key.split('/') as [WorkloadName, ServerName];
      summary.push({
        workload: w,
        server,
        rps: Number.NaN,
        rpsRatio: Number.NaN,
        p50: Number.NaN,
        p99: Number.NaN,
        serverCpuMs: Number.NaN,
        serverCpuRatio: Number.NaN,
        pgCpuMs: Number.NaN,
        pgCpuRatio: Number.NaN,
        statements: null,
        errors: 1,
        firstError: message,
      });
    }
    const memory = servers.map((s) => ({ server: s.name, rssMb: rssMb(s.child.pid!) }));
    const verdicts = targets(summary);
    const info = machine(db);
    const minutes = ((Date.now() - began) / 60_000).toFixed(1);
    const md = [
      '# Benchmark results (`npm run bench`)',
      '',
      `Medians of ${settings.rounds} interleaved rounds; "x floor" is the median of the per-round ratios to the floor.`,
      `${settings.connections} keep-alive connections, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s a cell, pool of ${settings.poolMax} connections per server. Run took ${minutes} min.`,
      'api-warm: before each of its cells the harness asks every distinct request of the workload once (all W1 ids, the whole W5 walk), so the cache holds every answer.',
      "Server CPU: utime+stime of the server process. PG CPU: utime+stime of the PostgreSQL backends of the server's own role. SQL stmts: pg_stat_statements calls by that role.",
      ...table(summary, statementsNote || 'n/a'),
      '',
      '## Targets',
      '',
      ...verdicts.map((v) => `- ${v}`),
      '',
      '## Memory',
      '',
      ...memory.map(
        (m) =>
          `- ${m.server}: RSS ${fmt(m.rssMb, 0)} MB after the bench${m.server.startsWith('api') ? ` (target < 300 MB: ${m.rssMb < 300 ? 'PASS' : 'FAIL'})` : ''}`,
      ),
      ...Object.entries(cacheByWorkload).map(
        ([w, c]) =>
          `- api-warm response cache, ${w} answers after its last cell: ${c.entries} entries, ${fmt(c.entries ? c.bytes / c.entries : Number.NaN, 0)} bytes each (Redis MEMORY USAGE)`,
      ),
      '',
      '## Machine and settings',
      '',
      ...Object.entries(info).map(([k, v]) => `- ${k}: ${v}`),
      `- settings: ${JSON.stringify(settings)}`,
      `- pg_stat_statements: ${db.statements ? 'loaded' : 'not available'}`,
      `- /proc/loadavg at start and end (the machine is shared): ${loadavg.join(' / ')}`,
      '',
    ].join('\n');
    log(md);
    writeResults('latest', md, {
      settings,
      machine: info,
      summary,
      cells,
      targets: verdicts,
      memory,
      cache: cacheByWorkload,
    });
    log(`written bench/results/latest.md and latest.json (${minutes} min)`);
  } catch (err) {
    failed = true;
    log(`bench failed: ${(err as Error).stack ?? err}`);
    for (const s of servers)
      if (s.stderr.length) log(`--- ${s.name} stderr (last lines):\n${s.stderr.join('').slice(-2000)}`);
  } finally {
    for (const s of servers) await stopServer(s);
    for (const s of servers) {
      if (s.prefix) log(`deleted ${await deletePrefix(redis, s.prefix)} Redis keys under ${s.prefix}`);
    }
    redis.disconnect();
    await sql.end();
    await db.stop();
  }
  if (failed) process.exit(1);
}

// `npm run bench -- --instances N` (issue 13): 1 and N instances behind nginx, bench/instances.ts.
const instancesAt = process.argv.findIndex((a) => a === '--instances' || a.startsWith('--instances='));
if (instancesAt >= 0) {
  const flag = process.argv[instancesAt]!;
  const value = flag.includes('=') ? flag.slice(flag.indexOf('=') + 1) : process.argv[instancesAt + 1];
  await (await import('./instances.js')).runInstances(Number(value));
} else await main();
