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
import { notThePrimary, query } from './sql.js';

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
/**
 * A poll not answered within this long counts as failed, and its connection is replaced: a server
 * that holds the connection open and never answers (a partition) cannot stall the polling, and
 * statement_timeout, enforced by the server, cannot end it.
 */
const POLL_TIMEOUT_MS = 2000;

type PollState = 'serving' | 'down' | 'promoted' | 'foreign' | 'behind';

interface Replica {
  name: string;
  url: string;
  database: Database;
  reader: Reader;
  poll: Sql;
  up: boolean;
  replayed: Lsn | null;
  /** performance.now() of the latest primary sample this replica has replayed. */
  caughtUpAt: number;
  /** What the log last said of it (a line when that changes). */
  reported: PollState | null;
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

class PollTimeout extends Error {}

/** `work`, or PollTimeout after POLL_TIMEOUT_MS. */
function bounded<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new PollTimeout('no answer')), POLL_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

export class ReplicaSet {
  readonly primaryReader: Reader;
  private readonly replicas: Replica[];
  private primaryPoll: Sql;
  /** The primary's cluster (pg_control_system): a replica must be a standby of this one. */
  private system: string | null = null;
  /** Primary WAL positions with when they were read (oldest first), for REPLICA_MAX_LAG_MS. */
  private samples: { at: number; lsn: Lsn }[] = [];
  /** The fences' epoch for which a fence for every organization was recorded (null: none yet). */
  private fencedEpoch: number | null = null;
  private fencing: Promise<boolean> | null = null;
  private lastFenceAttempt = -Infinity;
  private next = 0;
  private stopped = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly primary: Database,
    private readonly primaryUrl: string,
    replicaUrls: readonly string[],
    private readonly config: PoolConfig,
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
      notThePrimary(database.db);
      return {
        name,
        url,
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

  /**
   * Polls once (the primary, then every replica), then keeps polling every REPLICA_POLL_MS until
   * close(): the primary and each replica in a loop of its own, so one that hangs delays no other.
   */
  async start(): Promise<void> {
    await this.pollPrimary();
    await Promise.all(this.replicas.map((r) => this.pollReplica(r)));
    await this.fenceAll();
    const loop = async (poll: () => Promise<void>) => {
      while (!this.stopped) {
        await sleep(this.options.pollMs);
        if (!this.stopped) await poll();
      }
    };
    this.loops = [
      loop(async () => {
        await this.pollPrimary();
        if (this.fencedEpoch !== this.fences.epoch()) await this.fenceAll();
      }),
      ...this.replicas.map((r) => loop(() => this.pollReplica(r))),
    ];
  }

  private usable(r: Replica, now: number): boolean {
    return r.up && now - r.caughtUpAt <= this.options.maxLagMs;
  }

  /** The primary's WAL position now, with when it was asked (every commit answered before is below it). */
  private async pollPrimary(): Promise<void> {
    const at = performance.now();
    try {
      const [row] = await bounded(
        this.primaryPoll<{ lsn: string; system: string }[]>`
          select pg_current_wal_lsn()::text as lsn, (select system_identifier::text from pg_control_system()) as system`,
      );
      this.system = row!.system;
      this.samples.push({ at, lsn: parseLsn(row!.lsn) });
    } catch (err) {
      // The primary unreachable: no new sample; replicas age out of REPLICA_MAX_LAG_MS meanwhile.
      if (err instanceof PollTimeout)
        this.primaryPoll = this.replace(this.primaryPoll, this.primaryUrl, 'wal-poll');
    }
    // Samples older than the bound can no longer make a replica usable (one is kept to compare).
    const horizon = performance.now() - this.options.maxLagMs;
    while (this.samples.length > 1 && this.samples[1]!.at < horizon) this.samples.shift();
  }

  /** A new poll connection in place of one that did not answer (the old one is ended, not awaited). */
  private replace(old: Sql, url: string, suffix: string): Sql {
    void old.end({ timeout: 0 }).catch(() => {});
    return pollConnection(url, this.config, suffix);
  }

  private async pollReplica(r: Replica): Promise<void> {
    let state: PollState;
    try {
      const [row] = await bounded(
        r.poll<{ recovery: boolean; lsn: string | null; system: string }[]>`
          select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn()::text as lsn,
                 (select system_identifier::text from pg_control_system()) as system`,
      );
      if (!row!.recovery || !row!.lsn) state = 'promoted';
      else if (this.system !== null && row!.system !== this.system) state = 'foreign';
      else {
        const replayed = parseLsn(row!.lsn);
        // Replay never goes back on one server: a lower position is another server behind the
        // same URL (rebuilt, restored), which must catch up afresh.
        if (r.replayed !== null && replayed < r.replayed) r.caughtUpAt = -Infinity;
        r.replayed = replayed;
        r.up = true;
        for (let i = this.samples.length - 1; i >= 0; i--) {
          if (this.samples[i]!.lsn <= replayed) {
            r.caughtUpAt = Math.max(r.caughtUpAt, this.samples[i]!.at);
            break;
          }
        }
        state = this.usable(r, performance.now()) ? 'serving' : 'behind';
      }
    } catch (err) {
      state = 'down';
      if (err instanceof PollTimeout) r.poll = this.replace(r.poll, r.url, `${r.name}-poll`);
      if (r.reported !== 'down' && !this.stopped)
        this.options.logger.warn({ replica: r.name, err: (err as Error).message }, 'replica: poll failed');
    }
    if (state !== 'serving' && state !== 'behind') {
      // Whatever answers next at this URL is judged afresh: it may be another server.
      r.up = false;
      r.replayed = null;
      r.caughtUpAt = -Infinity;
    }
    if (state !== r.reported && !this.stopped) {
      const line = {
        serving: 'replica: serving queries',
        behind: `replica: more than REPLICA_MAX_LAG_MS (${this.options.maxLagMs} ms) behind, queries go to the primary`,
        down: 'replica: unreachable, queries go to the primary',
        promoted: 'replica: not a standby (promoted?), queries go to the primary',
        foreign: 'replica: a standby of another cluster than DATABASE_URL, queries go to the primary',
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
    const committedAt = performance.now();
    let lsn: Lsn | null = null;
    try {
      const [row] = await query<{ lsn: string }>(db, sql`select pg_current_wal_insert_lsn()::text as lsn`);
      lsn = parseLsn(row!.lsn);
      await this.fences.record(organizationId, lsn, this.fenceTtlMs);
      return;
    } catch {
      // Committed all the same: the answer says so, but not before no replica can serve without
      // this write, on this instance or any other (they cannot see a fence that was not recorded).
    }
    this.fencedEpoch = null;
    // A fence for every organization (past this write) keeps this instance on the primary until
    // it is recorded; one already under way may have read the primary's position before the commit.
    await this.fencing;
    this.fencedEpoch = null;
    this.lastFenceAttempt = -Infinity;
    await this.fenceAll();
    await this.replayedEverywhere(lsn, committedAt);
  }

  /**
   * Until every replica has replayed `lsn` (each up, as this instance polls it), or until
   * REPLICA_MAX_LAG_MS after the commit: by then a replica that any instance lets serve has
   * replayed a primary position read after the commit, so it has the write.
   */
  private async replayedEverywhere(lsn: Lsn | null, committedAt: number): Promise<void> {
    const deadline = committedAt + this.options.maxLagMs + this.options.pollMs;
    while (performance.now() < deadline && !this.stopped) {
      if (lsn !== null && this.replicas.every((r) => r.up && r.replayed !== null && r.replayed >= lsn))
        return;
      await sleep(Math.min(this.options.pollMs, Math.max(1, deadline - performance.now())));
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
    await Promise.all(this.loops);
    await Promise.all([
      this.primaryPoll.end({ timeout: 1 }),
      ...this.replicas.map(async (r) => {
        await r.poll.end({ timeout: 1 });
        await r.database.close();
      }),
    ]);
  }
}
