/**
 * Read replicas (DATABASE_REPLICA_URLS): signed-in queries read from a streaming standby when it
 * cannot be older than what the caller may already have seen; everything else uses the primary.
 *
 * Why not drizzle's `withReplicas`: it routes by method (its query builder's selects to a replica,
 * `execute` and transactions to the primary), while this API's reads are mostly `db.execute` of
 * hand-written SQL (src/loaders), and it knows nothing of replication lag. Here the choice is made
 * once per request (src/app.ts), so all of a request's reads see one server, and by position in the
 * WAL rather than by a guess at the lag:
 * - after a mutation commits, its organization's fence is the primary's WAL insert position then
 *   (`pg_current_wal_insert_lsn()`, past the commit record), recorded (Redis, shared by instances:
 *   src/cache/write-fences.ts) *before* the mutation's cache invalidation and before its answer;
 * - a query of that organization goes to a replica only if the replica has replayed past the fence
 *   (`pg_last_wal_replay_lsn()`, read every REPLICA_POLL_MS); so a client never reads older data
 *   than its own last write, nor than any write of its organization, and a response the cache
 *   stores after an invalidation was read after the fence that precedes that invalidation;
 * - a fence lives 2 x REPLICA_MAX_LAG_MS + 1 s. A replica serves only while it has caught up, as of
 *   REPLICA_MAX_LAG_MS ago at most, with the primary's WAL position (sampled with its time at each
 *   poll), so once a fence has expired every usable replica has replayed it;
 * - when fences may have been lost (Redis unreachable, replaced or restarted, a failed record),
 *   queries go to the primary until one fence for every organization, the primary's position then,
 *   has been recorded again.
 * A replica that fails its poll, is promoted, or falls behind serves nothing until it catches up:
 * the primary answers. A statement in flight on a replica that dies fails as any lost connection.
 */

import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import postgres, { type Sql } from 'postgres';
import {
  connectPostgres,
  type Database,
  type Db,
  type PoolConfig,
  type PoolHooks,
  poolOptions,
} from './client.js';
import { query } from './sql.js';

/** A WAL position as a number (`16/B374D848` in PostgreSQL's notation). */
export type Lsn = bigint;

export function parseLsn(text: string): Lsn {
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text);
  if (!m) throw new Error(`not a WAL position: ${text}`);
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

export function formatLsn(lsn: Lsn): string {
  return `${(lsn >> 32n).toString(16).toUpperCase()}/${(lsn & 0xffffffffn).toString(16).toUpperCase()}`;
}

/** Where a request's reads go. */
export interface Reader {
  readonly db: Db;
  /** `primary`, or the replica's name (`replica-1`, in the order of DATABASE_REPLICA_URLS). */
  readonly name: string;
}

/** The write fences every instance shares (src/cache/write-fences.ts). */
export interface WriteFences {
  /**
   * The WAL position a replica must have replayed to serve `organizationId`: the highest of its
   * fence and the fence of every organization; null when neither is recorded. Throws when unknown.
   */
  required(organizationId: string): Promise<Lsn | null>;
  /** Raises the organization's fence to `lsn` (never lowers it), for `ttlMs`. Throws on failure. */
  record(organizationId: string, lsn: Lsn, ttlMs: number): Promise<void>;
  /** Raises the fence of every organization. */
  recordAll(lsn: Lsn, ttlMs: number): Promise<void>;
  /**
   * Changes whenever fences recorded so far may have been lost (the store was unreachable,
   * replaced or restarted): a fence for every organization is needed again before a replica serves.
   */
  epoch(): number;
}

/** One replica's state, as its last poll saw it. */
export interface ReplicaStatus {
  name: string;
  /** Its last poll succeeded and it is still a standby. */
  up: boolean;
  /** Replayed WAL position, as PostgreSQL writes it. */
  replayed: string | null;
  /** How far behind the primary it may be (ms since the primary position it has replayed was read); null: never caught up. */
  lagMs: number | null;
  /** Whether it serves queries now. */
  serving: boolean;
}

export interface ReplicaOptions {
  maxLagMs: number;
  pollMs: number;
  logger: Logger;
}

const POLL_CONNECT_TIMEOUT_S = 2;

interface Replica {
  name: string;
  database: Database;
  reader: Reader;
  poll: Sql;
  up: boolean;
  replayed: Lsn | null;
  /** performance.now() of the latest primary sample this replica has replayed. */
  caughtUpAt: number;
  /** What the log last said of it (a line when that changes). */
  reported: 'serving' | 'down' | 'promoted' | 'behind' | null;
}

/** A dedicated connection for polling WAL positions: never the pool's, never a request's statement. */
function pollConnection(url: string, config: PoolConfig, suffix: string): Sql {
  const options = poolOptions(config);
  return postgres(url, {
    ...options,
    max: 1,
    connect_timeout: POLL_CONNECT_TIMEOUT_S,
    connection: {
      ...options.connection,
      application_name: `${config.DB_APPLICATION_NAME.slice(0, 52)}-${suffix}`,
      statement_timeout: POLL_CONNECT_TIMEOUT_S * 1000,
    },
  });
}

export class ReplicaSet {
  readonly primaryReader: Reader;
  private readonly replicas: Replica[];
  private readonly primaryPoll: Sql;
  /** Primary WAL positions with when they were read (oldest first), for REPLICA_MAX_LAG_MS. */
  private samples: { at: number; lsn: Lsn }[] = [];
  /** The fences' epoch for which a fence for every organization was recorded (null: none yet). */
  private fencedEpoch: number | null = null;
  private fencing: Promise<boolean> | null = null;
  private lastFenceAttempt = -Infinity;
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly primary: Database,
    primaryUrl: string,
    replicaUrls: readonly string[],
    config: PoolConfig,
    hooks: PoolHooks,
    private readonly fences: WriteFences,
    private readonly options: ReplicaOptions,
  ) {
    this.primaryReader = { db: primary.db, name: 'primary' };
    this.primaryPoll = pollConnection(primaryUrl, config, 'wal-poll');
    this.replicas = replicaUrls.map((url, i) => {
      const name = `replica-${i + 1}`;
      const database = connectPostgres(
        url,
        { ...config, DB_APPLICATION_NAME: `${config.DB_APPLICATION_NAME.slice(0, 52)}-${name}` },
        hooks,
      );
      return {
        name,
        database,
        reader: { db: database.db, name },
        poll: pollConnection(url, config, `${name}-poll`),
        up: false,
        replayed: null,
        caughtUpAt: -Infinity,
        reported: null,
      };
    });
  }

  get size() {
    return this.replicas.length;
  }

  /** Polls now, then every REPLICA_POLL_MS until close(). */
  async start(): Promise<void> {
    await this.poll();
    const tick = () => {
      this.timer = setTimeout(async () => {
        await this.poll();
        if (!this.stopped) tick();
      }, this.options.pollMs);
      this.timer.unref();
    };
    tick();
  }

  private usable(r: Replica, now: number): boolean {
    return r.up && now - r.caughtUpAt <= this.options.maxLagMs;
  }

  /** One round: the primary's position, then every replica's replay position, at once. */
  async poll(): Promise<void> {
    const at = performance.now();
    try {
      const [row] = await this.primaryPoll<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`;
      this.samples.push({ at, lsn: parseLsn(row!.lsn) });
    } catch {
      // The primary unreachable: no new sample; replicas age out of REPLICA_MAX_LAG_MS meanwhile.
    }
    // Samples older than the bound can no longer make a replica usable (one is kept to compare).
    const horizon = performance.now() - this.options.maxLagMs;
    while (this.samples.length > 1 && this.samples[1]!.at < horizon) this.samples.shift();
    await Promise.all(this.replicas.map((r) => this.pollReplica(r)));
    if (this.fencedEpoch !== this.fences.epoch()) await this.fenceAll();
  }

  private async pollReplica(r: Replica): Promise<void> {
    let state: Replica['reported'];
    try {
      const [row] = await r.poll<{ recovery: boolean; lsn: string | null }[]>`
        select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn()::text as lsn`;
      if (!row!.recovery || !row!.lsn) {
        // Promoted (or not a standby at all): it no longer follows this primary's writes.
        r.up = false;
        state = 'promoted';
      } else {
        r.up = true;
        const replayed = parseLsn(row!.lsn);
        r.replayed = replayed;
        for (let i = this.samples.length - 1; i >= 0; i--) {
          if (this.samples[i]!.lsn <= replayed) {
            r.caughtUpAt = Math.max(r.caughtUpAt, this.samples[i]!.at);
            break;
          }
        }
        state = this.usable(r, performance.now()) ? 'serving' : 'behind';
      }
    } catch (err) {
      r.up = false;
      state = 'down';
      if (r.reported !== 'down')
        this.options.logger.warn({ replica: r.name, err: (err as Error).message }, 'replica: poll failed');
    }
    if (state !== r.reported) {
      const line = {
        serving: 'replica: serving queries',
        behind: `replica: more than REPLICA_MAX_LAG_MS (${this.options.maxLagMs} ms) behind, queries go to the primary`,
        down: 'replica: unreachable, queries go to the primary',
        promoted: 'replica: not a standby (promoted?), queries go to the primary',
      }[state];
      (state === 'serving' ? this.options.logger.info : this.options.logger.warn).call(
        this.options.logger,
        { replica: r.name },
        line,
      );
      r.reported = state;
    }
  }

  /**
   * Records a fence for every organization at the primary's position now (itself past every write
   * committed so far), at most one attempt at a time and one a second; true once recorded for the
   * fences' current epoch.
   */
  private fenceAll(): Promise<boolean> {
    if (this.fencedEpoch === this.fences.epoch()) return Promise.resolve(true);
    if (this.fencing) return this.fencing;
    if (performance.now() - this.lastFenceAttempt < 1000) return Promise.resolve(false);
    this.lastFenceAttempt = performance.now();
    this.fencing = (async () => {
      const epoch = this.fences.epoch();
      try {
        const [row] = await this.primaryPoll<
          { lsn: string }[]
        >`select pg_current_wal_insert_lsn()::text as lsn`;
        await this.fences.recordAll(parseLsn(row!.lsn), this.fenceTtlMs);
        this.fencedEpoch = epoch;
        return this.fencedEpoch === this.fences.epoch();
      } catch {
        return false;
      } finally {
        this.fencing = null;
      }
    })();
    return this.fencing;
  }

  private get fenceTtlMs() {
    return 2 * this.options.maxLagMs + 1000;
  }

  /**
   * Where a signed-in query of `organizationId` reads: a replica (round robin) that has replayed
   * past the organization's fence and is within REPLICA_MAX_LAG_MS, else the primary.
   */
  async readerFor(organizationId: string): Promise<Reader> {
    const now = performance.now();
    const candidates = this.replicas.filter((r) => this.usable(r, now));
    if (candidates.length === 0) return this.primaryReader;
    if (!(await this.fenceAll())) return this.primaryReader;
    let required: Lsn | null;
    try {
      required = await this.fences.required(organizationId);
    } catch {
      return this.primaryReader; // the fences cannot be read: only the primary is surely current
    }
    // Lost while reading (the store failed meanwhile): the answer may miss a fence.
    if (this.fencedEpoch !== this.fences.epoch()) return this.primaryReader;
    for (let i = 0; i < candidates.length; i++) {
      const r = candidates[(this.next + i) % candidates.length]!;
      if (required === null || (r.replayed !== null && r.replayed >= required)) {
        this.next = (this.next + i + 1) % candidates.length;
        return r.reader;
      }
    }
    return this.primaryReader;
  }

  /**
   * After a write of `organizationId` committed, before its cache invalidation and its answer:
   * raises the organization's fence to the primary's WAL insert position. When the fence cannot be
   * recorded, this instance's queries go to the primary until a fence for every organization is.
   */
  async wrote(organizationId: string, db: Db = this.primary.db): Promise<void> {
    try {
      const [row] = await query<{ lsn: string }>(db, sql`select pg_current_wal_insert_lsn()::text as lsn`);
      await this.fences.record(organizationId, parseLsn(row!.lsn), this.fenceTtlMs);
    } catch {
      // Committed all the same: the answer says so. Until a fence for every organization is
      // recorded (itself past this write), this instance's queries read from the primary.
      this.fencedEpoch = null;
    }
  }

  status(): ReplicaStatus[] {
    const now = performance.now();
    return this.replicas.map((r) => ({
      name: r.name,
      up: r.up,
      replayed: r.replayed === null ? null : formatLsn(r.replayed),
      lagMs: Number.isFinite(r.caughtUpAt) ? Math.round(now - r.caughtUpAt) : null,
      serving: this.usable(r, now),
    }));
  }

  async close(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.all([
      this.primaryPoll.end({ timeout: 1 }),
      ...this.replicas.map(async (r) => {
        await r.poll.end({ timeout: 1 });
        await r.database.close();
      }),
    ]);
  }
}
