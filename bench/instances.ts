/**
 * `npm run bench -- --instances N` (issue 13): the dashboard (W2) and nested (W3) workloads through
 * a real nginx (round robin, test/helpers/proxy.ts) in front of 1 and of N API instances, at the
 * settings of the bench's api-warm server (production, LOG_LEVEL info to /dev/null, Redis cache on,
 * no rate limit, pool of 10, the bench database with a role a setup). Both setups run side by side
 * and rounds are interleaved (round -> workload -> setup), medians over rounds, as in run.ts.
 *
 * Every answer is checked (load.ts: 200 and no GraphQL errors; before measuring, each instance's
 * answer equals the 1-instance setup's). Cost: utime+stime of nginx (master and worker) and of the
 * API processes over the measured window, per request; PostgreSQL backends of the setup's role apart.
 * Writes bench/results/instances-latest.md and .json.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { Redis } from 'ioredis';
import type postgres from 'postgres';
import { hasNginx, type ProxiedInstances, startProxiedInstances } from '../test/helpers/proxy.js';
import {
  askJson,
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
  signIn,
  writeResults,
} from './harness.js';
import type { LoadSpec } from './load.js';
import {
  backendCpu,
  backendDelta,
  CLK_TCK,
  cpuMs,
  deletePrefix,
  resetStatements,
  statementCalls,
} from './measure.js';
import { type BenchDatabase, openBenchDatabase } from './pg-cluster.js';
import { canonical, type Fixtures, makeDriver, WORKLOAD_TITLES, type WorkloadName } from './workloads.js';

const env = process.env;
const WORKLOADS: WorkloadName[] = ['W2', 'W3'];
const settings = {
  ...cellSettings,
  cache: env.BENCH_INSTANCES_CACHE !== 'false',
  workloads: WORKLOADS,
};
/** This run's Redis keys: one prefix a setup under it, all deleted at the end. */
const RUN_PREFIX = `bench:instances:${process.pid}:`;
/** /metrics answers only with this bearer token in production; read from each instance directly. */
const METRICS_TOKEN = randomBytes(16).toString('hex');

interface Setup {
  count: number;
  role: string;
  proxy: ProxiedInstances;
  token: string;
}

const post = (setup: Setup, body: string) =>
  askJson(`${setup.proxy.url}/graphql`, { method: 'POST', body }, setup.token);

async function startSetup(count: number, db: BenchDatabase, devNull: number): Promise<Setup> {
  const role = `bench_instances_${count}`;
  const proxy = await startProxiedInstances({
    count,
    cwd: ROOT,
    stdout: devNull,
    startTimeoutMs: 120_000,
    env: {
      NODE_ENV: 'production',
      DATABASE_URL: db.urlFor(role),
      REDIS_URL: redisUrl,
      REDIS_KEY_PREFIX: `${RUN_PREFIX}${count}:`,
      // Production's level: the access line is part of a request's cost (to /dev/null, as in run.ts).
      LOG_LEVEL: env.BENCH_LOG_LEVEL ?? 'info',
      RATE_LIMIT_PER_MINUTE: '0',
      DB_POOL_MAX: String(settings.poolMax),
      DB_APPLICATION_NAME: `bench-instances-${count}`,
      SEED_DEMO: 'false',
      CACHE_ENABLED: String(settings.cache),
      METRICS_TOKEN,
    },
  });
  // One sign-in through nginx: the session is in Redis, so every instance knows the token.
  const token = await signIn(`${proxy.url}/graphql`, `${count} instance(s)`).catch(async (err: unknown) => {
    await proxy.stop();
    throw err;
  });
  log(
    `  ${count} instance(s) up behind nginx :${proxy.port} (nginx pid ${proxy.nginxPid}, api pids ${proxy.servers.map((s) => s.child.pid).join(',')})`,
  );
  return { count, role, proxy, token };
}

/** Asks the workload `times` times through nginx (round robin: every instance), canonical answers. */
async function answers(setup: Setup, w: WorkloadName, fx: Fixtures, times: number): Promise<unknown[]> {
  const req = makeDriver('api-warm', w, fx).next();
  const out: unknown[] = [];
  for (let i = 0; i < times; i++) out.push(canonical('api-warm', w, await post(setup, req.body!)));
  return out;
}

/** The children of a process (nginx's workers), from /proc/<pid>/stat's ppid field. */
function childrenOf(parent: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** Response-cache hits the instances counted so far (response_cache_lookups_total, store "response"). */
async function cacheHits(setup: Setup): Promise<number> {
  let sum = 0;
  for (const s of setup.proxy.servers) {
    const res = await fetch(`${s.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    const text = await res.text();
    if (res.status !== 200)
      throw new Error(`/metrics of :${s.port}: HTTP ${res.status}: ${text.slice(0, 200)}`);
    const line = text
      .split('\n')
      .find(
        (l) =>
          l.startsWith('response_cache_lookups_total{') &&
          l.includes('result="hit"') &&
          l.includes('store="response"'),
      );
    sum += line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
  }
  return sum;
}

/** CPU the whole machine spent so far, ms (/proc/stat: user, nice, system, irq, softirq). */
function machineBusyMs(): number {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return ((f[0]! + f[1]! + f[2]! + f[5]! + f[6]!) * 1000) / CLK_TCK;
}

/** CPU of this process' children that exited (the load generator of a cell): cutime + cstime, ms. */
function reapedChildrenMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLK_TCK;
}

const cpuOf = (pids: number[]) => new Map(pids.map((pid) => [pid, cpuMs(pid)]));
const cpuDelta = (a: Map<number, number>, b: Map<number, number>) =>
  [...b].reduce((sum, [pid, ms]) => sum + ms - (a.get(pid) ?? 0), 0);

/** nginx's access log from byte `from` on (the helper's format: `... STATUS upstream=ADDR[, ADDR] ...`). */
function accessLogFrom(setup: Setup, from: number): { size: number; lines: string[] } {
  const fd = openSync(`${setup.proxy.dir}/access.log`, 'r');
  try {
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(1 << 20);
    let pos = from;
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, pos);
      if (n <= 0) break;
      chunks.push(Buffer.from(buf.subarray(0, n)));
      pos += n;
    }
    const text = Buffer.concat(chunks).toString();
    return { size: pos, lines: text.split('\n').filter((l) => l.trim() !== '') };
  } finally {
    closeSync(fd);
  }
}

interface Cell {
  round: number;
  workload: WorkloadName;
  instances: number;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** nginx (master + worker) utime+stime per request. */
  proxyCpuMs: number;
  /** The API processes' utime+stime per request, all instances. */
  apiCpuMs: number;
  pgCpuMs: number;
  statements: number | null;
  /** Share of the requests answered from the response cache (a Redis call slower than REDIS_SLOW_MS bypasses it). */
  cacheHits: number;
  /** The load generator's CPU per request (not in the cost). */
  loaderCpuMs: number;
  /**
   * Cores busy with anything else during the window (machine's CPU from /proc/stat less nginx, the
   * instances, their PG backends and the load generator): Redis, PostgreSQL's own processes, others.
   */
  otherCores: number;
  /** Requests per instance as nginx logged them (upstream address), instance order. */
  perInstance: number[];
  /** Requests nginx logged for the window, and those not 200 or tried on a second instance. */
  proxied: number;
  proxyNon200: number;
  proxyRetried: number;
  errors: number;
  firstError: string | null;
}

async function runCell(
  sql: postgres.Sql,
  db: BenchDatabase,
  setup: Setup,
  w: WorkloadName,
  fx: Fixtures,
  round: number,
): Promise<Cell> {
  const spec: LoadSpec = {
    port: setup.proxy.port,
    server: 'api-warm',
    workload: w,
    fixtures: fx,
    token: setup.token,
    connections: settings.connections,
    seconds: settings.warmupSeconds,
  };
  // As api-warm in run.ts: the answer is cached before the cell (one ask an instance; the cache is shared).
  await answers(setup, w, fx, setup.count);
  if (settings.warmupSeconds > 0) await runLoad(spec);
  if (db.statements) await resetStatements(sql);
  const nginx = [setup.proxy.nginxPid, ...childrenOf(setup.proxy.nginxPid)];
  const api = setup.proxy.servers.map((s) => s.child.pid!);
  const logAt = accessLogFrom(setup, 0).size;
  const hits0 = await cacheHits(setup);
  const nginx0 = cpuOf(nginx);
  const api0 = cpuOf(api);
  const pg0 = await backendCpu(sql, setup.role);
  const busy0 = machineBusyMs();
  const loader0 = reapedChildrenMs();
  const t0 = performance.now();
  const load = await runLoad({ ...spec, seconds: settings.seconds });
  const nginx1 = cpuOf(nginx);
  const api1 = cpuOf(api);
  const pg1 = await backendCpu(sql, setup.role);
  const busy = machineBusyMs() - busy0;
  const loader = reapedChildrenMs() - loader0;
  const wallMs = performance.now() - t0;
  const ours = cpuDelta(nginx0, nginx1) + cpuDelta(api0, api1) + backendDelta(pg0, pg1) + loader;
  const calls = db.statements && db.rolesPerServer ? await statementCalls(sql, setup.role) : null;
  const hits = (await cacheHits(setup)) - hits0;
  const lines = accessLogFrom(setup, logAt).lines;
  const ports = setup.proxy.servers.map((s) => `127.0.0.1:${s.port}`);
  const n = Math.max(1, load.requests);
  return {
    round,
    workload: w,
    instances: setup.count,
    rps: load.rps,
    p50: load.p50,
    p99: load.p99,
    requests: load.requests,
    proxyCpuMs: cpuDelta(nginx0, nginx1) / n,
    apiCpuMs: cpuDelta(api0, api1) / n,
    pgCpuMs: backendDelta(pg0, pg1) / n,
    statements: calls === null ? null : calls / n,
    cacheHits: hits / n,
    loaderCpuMs: loader / n,
    otherCores: (busy - ours) / wallMs,
    perInstance: ports.map((p) => lines.filter((l) => l.includes(`upstream=${p} `)).length),
    proxied: lines.length,
    proxyNon200: lines.filter((l) => !/" 200 upstream=/.test(l)).length,
    proxyRetried: lines.filter((l) => /upstream=\S+, /.test(l)).length,
    errors: load.errors,
    firstError: load.firstError,
  };
}

interface Summary {
  workload: WorkloadName;
  instances: number;
  rps: number;
  p50: number;
  p99: number;
  proxyCpuMs: number;
  apiCpuMs: number;
  /** nginx + API per request: the figure the mode is about. */
  cpuMs: number;
  pgCpuMs: number;
  statements: number | null;
  cacheHits: number;
  otherCores: number;
  /** Share of the busiest and the idlest instance, over all rounds. */
  shareMin: number;
  shareMax: number;
  requests: number;
  errors: number;
  proxyProblems: number;
  firstError: string | null;
}

function summarize(cells: Cell[], counts: number[]): Summary[] {
  const out: Summary[] = [];
  for (const w of settings.workloads) {
    for (const instances of counts) {
      const mine = cells.filter((c) => c.workload === w && c.instances === instances);
      if (!mine.length) continue;
      const per = mine[0]!.perInstance.map((_, i) => mine.reduce((a, c) => a + c.perInstance[i]!, 0));
      const total = per.reduce((a, b) => a + b, 0) || 1;
      const stmts = mine.map((c) => c.statements);
      out.push({
        workload: w,
        instances,
        rps: median(mine.map((c) => c.rps)),
        p50: median(mine.map((c) => c.p50)),
        p99: median(mine.map((c) => c.p99)),
        proxyCpuMs: median(mine.map((c) => c.proxyCpuMs)),
        apiCpuMs: median(mine.map((c) => c.apiCpuMs)),
        cpuMs: median(mine.map((c) => c.proxyCpuMs + c.apiCpuMs)),
        pgCpuMs: median(mine.map((c) => c.pgCpuMs)),
        statements: stmts.includes(null) ? null : median(stmts as number[]),
        cacheHits: median(mine.map((c) => c.cacheHits)),
        otherCores: median(mine.map((c) => c.otherCores)),
        shareMin: Math.min(...per) / total,
        shareMax: Math.max(...per) / total,
        requests: mine.reduce((a, c) => a + c.requests, 0),
        errors: mine.reduce((a, c) => a + c.errors, 0),
        proxyProblems: mine.reduce(
          (a, c) => a + c.proxyNon200 + c.proxyRetried + Math.abs(c.proxied - c.requests),
          0,
        ),
        firstError: mine.find((c) => c.firstError)?.firstError ?? null,
      });
    }
  }
  return out;
}

function machine(db: BenchDatabase): Record<string, string> {
  return {
    ...host(),
    // `nginx -v` writes to stderr.
    nginx: spawnSync('/usr/sbin/nginx', ['-v'], { encoding: 'utf8' }).stderr?.trim() || 'unknown',
    ...measured(db),
  };
}

/** The mode: 1 instance and `count` instances behind nginx; exits 1 on any failure or error. */
export async function runInstances(count: number): Promise<void> {
  if (!Number.isInteger(count) || count < 1 || count > 8) {
    throw new Error('--instances takes a whole number of instances from 1 to 8, e.g. --instances 3');
  }
  if (!hasNginx) throw new Error('--instances needs nginx (Debian: apt-get install nginx-light)');
  const began = Date.now();
  const counts = count === 1 ? [1] : [1, count];
  log(
    `bench --instances ${count}: ${settings.workloads.join(',')} through nginx to ${counts.join(' and ')} instance(s), ` +
      `${settings.rounds} rounds, ${settings.warmupSeconds}+${settings.seconds} s a cell, ${settings.connections} connections, cache ${settings.cache ? 'on' : 'off'}`,
  );
  const db = await openBenchDatabase(counts.map((c) => `bench_instances_${c}`));
  const sql = harnessSql(db);
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  const devNull = openSync('/dev/null', 'w');
  const setups: Setup[] = [];
  const cells: Cell[] = [];
  const loadavg = [loadavgNow()];
  let failed = false;
  try {
    await redis.connect();
    const fx = await fixturesOf(sql);
    log(`fixtures: org ${fx.orgId}, since ${fx.since}`);
    // One after the other: starting four at once on two cores only slows each.
    for (const c of counts) setups.push(await startSetup(c, db, devNull));

    log('checking that every instance gives the 1-instance answer');
    for (const w of settings.workloads) {
      const [reference] = await answers(setups[0]!, w, fx, 1);
      for (const setup of setups) {
        const got = await answers(setup, w, fx, 2 * setup.count);
        const bad = got.findIndex((a) => JSON.stringify(a) !== JSON.stringify(reference));
        if (bad >= 0) throw new Error(`${w}: answer ${bad + 1} through ${setup.count} instance(s) differs`);
      }
      const log0 = await setups[setups.length - 1]!.proxy.accessLog();
      const unused = setups[setups.length - 1]!.proxy.servers.filter(
        (s) => !log0.includes(`upstream=127.0.0.1:${s.port} `),
      );
      if (unused.length)
        throw new Error(`nginx sent nothing to the instance(s) on ${unused.map((s) => s.port)}`);
      log(
        `  ${w}: ${Array.isArray(reference) ? `${reference.length} rows` : 'answer'}, same on every instance`,
      );
    }

    for (let round = 1; round <= settings.rounds; round++) {
      for (const w of settings.workloads) {
        for (const setup of setups) {
          const cell = await runCell(sql, db, setup, w, fx, round);
          cells.push(cell);
          log(
            `round ${round} ${w} ${String(setup.count).padStart(2)} inst ${fmt(cell.rps, 0).padStart(6)} req/s  p50 ${fmt(cell.p50)}  p99 ${fmt(cell.p99)}  ` +
              `nginx ${fmt(cell.proxyCpuMs, 3)} api ${fmt(cell.apiCpuMs, 3)} pg ${fmt(cell.pgCpuMs, 3)} ms/req  ` +
              `sql ${cell.statements === null ? 'n/a' : fmt(cell.statements)}/req  hits ${(100 * cell.cacheHits).toFixed(0)}%  others ${fmt(cell.otherCores)} cores  per instance ${cell.perInstance.join('/')}` +
              (cell.errors ? `  ERRORS ${cell.errors}: ${cell.firstError}` : '') +
              (cell.proxyNon200 || cell.proxyRetried || cell.proxied !== cell.requests
                ? `  NGINX logged ${cell.proxied} (non-200 ${cell.proxyNon200}, retried ${cell.proxyRetried})`
                : ''),
          );
        }
      }
    }
    loadavg.push(loadavgNow());

    const summary = summarize(cells, counts);
    const verdicts: string[] = [];
    for (const w of settings.workloads) {
      const one = summary.find((s) => s.workload === w && s.instances === 1);
      const many = summary.find((s) => s.workload === w && s.instances === count);
      if (!one || !many) continue;
      for (const s of [one, many]) {
        verdicts.push(
          `${w} ${s.instances} instance(s): ${s.errors + s.proxyProblems === 0 ? 'PASS' : 'FAIL'}  ${s.errors} errors in ${s.requests} checked answers, ${s.proxyProblems} nginx lines not 200, retried or missing`,
        );
      }
      if (many !== one) {
        verdicts.push(
          `${w} ${count} vs 1: nginx+API CPU ${fmt(many.cpuMs, 3)} vs ${fmt(one.cpuMs, 3)} ms/req (x${fmt(many.cpuMs / one.cpuMs)}), ` +
            `with PG ${fmt(many.cpuMs + many.pgCpuMs, 3)} vs ${fmt(one.cpuMs + one.pgCpuMs, 3)} (x${fmt((many.cpuMs + many.pgCpuMs) / (one.cpuMs + one.pgCpuMs))}); ` +
            `req/s x${fmt(many.rps / one.rps)}, p99 x${fmt(many.p99 / one.p99)}`,
        );
      }
    }
    const info = machine(db);
    const minutes = ((Date.now() - began) / 60_000).toFixed(1);
    const md = [
      `# Many instances behind nginx (\`npm run bench -- --instances ${count}\`)`,
      '',
      `The same nginx (test/helpers/proxy.ts: round robin, keep-alive upstreams, access log on) in front of 1 and of ${count} API instance(s), both measured. Medians of ${settings.rounds} interleaved rounds.`,
      `${settings.connections} keep-alive client connections to nginx, ${settings.warmupSeconds} s warm-up + ${settings.seconds} s a cell. Each instance: NODE_ENV production, LOG_LEVEL ${env.BENCH_LOG_LEVEL ?? 'info'} (to /dev/null), response cache ${settings.cache ? 'on (Redis, one prefix a setup; the answer cached before each cell, as api-warm)' : 'off'}, RATE_LIMIT_PER_MINUTE 0, pool of ${settings.poolMax}, TRUST_PROXY. Run took ${minutes} min.`,
      "CPU: utime+stime (/proc/<pid>/stat) over the measured window divided by the requests answered. nginx: master and worker; API: all instances of the setup; PG: the backends of the setup's own role. Redis (shared with other users of the machine) is not counted.",
      "Every answer is checked by the load generator (HTTP 200, no GraphQL errors), and before measuring every instance's answer is compared with the 1-instance setup's. 'per instance': share of the requests nginx logged for each instance (lowest-highest). 'cache hits': requests answered from the response cache (a Redis call slower than REDIS_SLOW_MS, 150 ms by default, bypasses the cache for every request until Redis answers a probe quickly). 'other load': cores busy with anything but nginx, the instances, their PG backends and the load generator during the window (/proc/stat; Redis, PostgreSQL's own processes, the rest of the machine).",
      ...settings.workloads.flatMap((w) => [
        '',
        `### ${w}: ${WORKLOAD_TITLES[w]}`,
        '',
        '| instances | req/s | p50 ms | p99 ms | nginx CPU ms/req | API CPU ms/req | nginx+API ms/req | PG CPU ms/req | SQL stmts/req | cache hits | per instance | other load, cores | errors |',
        '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|',
        ...summary
          .filter((s) => s.workload === w)
          .map(
            (s) =>
              `| ${s.instances} | ${fmt(s.rps, 0)} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${fmt(s.proxyCpuMs, 3)} | ${fmt(s.apiCpuMs, 3)} | ${fmt(s.cpuMs, 3)} | ${fmt(s.pgCpuMs, 3)} | ${s.statements === null ? 'n/a' : fmt(s.statements)} | ${(100 * s.cacheHits).toFixed(0)}% | ${(100 * s.shareMin).toFixed(0)}-${(100 * s.shareMax).toFixed(0)}% | ${fmt(s.otherCores)} | ${s.errors ? `${s.errors}: ${(s.firstError ?? '').replace(/\|/g, '/').slice(0, 200)}` : '0'} |`,
          ),
      ]),
      '',
      '## Checks',
      '',
      ...verdicts.map((v) => `- ${v}`),
      '',
      '## Machine and settings',
      '',
      ...Object.entries(info).map(([k, v]) => `- ${k}: ${v}`),
      `- settings: ${JSON.stringify({ ...settings, instances: count })}`,
      `- /proc/loadavg at start and end (the machine is shared): ${loadavg.join(' / ')}`,
      '',
    ].join('\n');
    log(md);
    writeResults('instances-latest', md, {
      settings: { ...settings, instances: count },
      machine: info,
      summary,
      cells,
      checks: verdicts,
    });
    if (verdicts.some((v) => v.includes('FAIL'))) failed = true;
    log(`written bench/results/instances-latest.md and .json (${minutes} min)`);
  } catch (err) {
    failed = true;
    log(`bench --instances failed: ${(err as Error).stack ?? err}`);
    for (const setup of setups) {
      for (const s of setup.proxy.servers)
        if (s.stderr()) log(`--- instance :${s.port} stderr:\n${s.stderr().slice(-2000)}`);
      log(
        `--- nginx error.log (${setup.count}):\n${(await setup.proxy.errorLog().catch(() => '')).slice(-2000)}`,
      );
    }
  } finally {
    for (const setup of setups) await setup.proxy.stop();
    closeSync(devNull);
    if (redis.status === 'ready')
      log(`deleted ${await deletePrefix(redis, RUN_PREFIX)} Redis keys under ${RUN_PREFIX}`);
    redis.disconnect();
    await sql.end();
    await db.stop();
  }
  if (failed) process.exit(1);
}
