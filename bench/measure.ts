/**
 * What a cell reads around its load: CPU of a process (/proc/<pid>/stat utime + stime), CPU of the
 * PostgreSQL backends of one role (pg_stat_activity -> /proc), statements from pg_stat_statements,
 * RSS, and the response cache's Redis memory.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import type postgres from 'postgres';
import { type WorkloadName, workloadOfResult } from './workloads.js';

export const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** utime + stime of a process in ms; 0 if it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "(comm)": state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK;
  } catch {
    return 0;
  }
}

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** The backends a role has open in the current database: pid -> CPU ms so far. */
export async function backendCpu(sql: postgres.Sql, role: string): Promise<Map<number, number>> {
  const rows = await sql<{ pid: number }[]>`
    select pid from pg_stat_activity where usename = ${role} and datname = current_database()`;
  return new Map(rows.map((r) => [r.pid, cpuMs(r.pid)]));
}

/** CPU ms the role's backends spent between two snapshots (a backend new in `after` counts from 0). */
export function backendDelta(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, ms] of after) sum += ms - (before.get(pid) ?? 0);
  return sum;
}

export async function resetStatements(sql: postgres.Sql) {
  await sql`select pg_stat_statements_reset()`;
}

/**
 * Statements the role ran in this database since the last reset, less the API's reachability probe
 * (`select 1` once a second on a connection of its own, src/db/client.ts): not a request's statement.
 */
export async function statementCalls(sql: postgres.Sql, role: string): Promise<number> {
  const [row] = await sql<{ calls: string | null }[]>`
    select sum(s.calls)::text as calls
      from pg_stat_statements s
      join pg_roles r on r.oid = s.userid
     where r.rolname = ${role}
       and s.dbid = (select oid from pg_database where datname = current_database())
       and s.query <> 'select 1'`;
  return Number(row?.calls ?? 0);
}

/** Every key under `match` (SCAN, never KEYS). */
export async function scanKeys(redis: Redis, match: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys;
}

/**
 * Response entries under the API's prefix (`<prefix>rc:entry:*`, stored as `<seq>:<entry JSON>`,
 * src/cache/store.ts and plugin.ts), grouped by the workload whose answer they hold: count and MEMORY USAGE bytes.
 */
export async function cacheMemory(
  redis: Redis,
  prefix: string,
): Promise<Partial<Record<WorkloadName | 'other', { entries: number; bytes: number }>>> {
  const out: Partial<Record<WorkloadName | 'other', { entries: number; bytes: number }>> = {};
  for (const key of await scanKeys(redis, `${prefix}rc:entry:*`)) {
    const value = await redis.get(key);
    if (value === null) continue; // expired meanwhile
    // The entry: `{ etag, body, for }` (src/cache/plugin.ts CachedResponse), body the answer's JSON.
    const stored = JSON.parse(value.slice(value.indexOf(':') + 1)) as { body?: unknown };
    const w = (typeof stored.body === 'string' ? workloadOfResult(stored.body) : null) ?? 'other';
    const slot = out[w] ?? { entries: 0, bytes: 0 };
    out[w] = slot;
    slot.entries++;
    slot.bytes += Number((await redis.memory('USAGE', key)) ?? 0);
  }
  return out;
}

/** Deletes every key under `prefix`; returns how many. */
export async function deletePrefix(redis: Redis, prefix: string): Promise<number> {
  const keys = await scanKeys(redis, `${prefix}*`);
  for (let i = 0; i < keys.length; i += 500) await redis.del(...keys.slice(i, i + 500));
  return keys.length;
}
