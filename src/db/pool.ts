/**
 * The connection pool the database guide specifies (Connection Pooling: max 20, min 5, acquire
 * timeout 30 s, idle 600 s, lifetime 1800 s, statistics), on top of postgres.js.
 *
 * postgres.js keeps max, idle timeout and lifetime, but has no minimum, no acquire timeout and no
 * statistics (porsager/postgres#443): past its last free connection it pipelines statements behind
 * busy ones or queues them with no bound on the wait. This file is the smallest piece that adds them,
 * written here because no maintained library wraps postgres.js' pool:
 * - a gate of `max` permits in front of every statement and transaction sent outside a
 *   transaction, so no more than `max` run at once and the rest wait in one FIFO queue, each for at
 *   most `acquireTimeoutMs`, then fail with PoolTimeoutError (nothing was sent);
 * - `min` connections opened at start and reopened whenever idleness, lifetime or a failure closes
 *   one (postgres.js closes idle connections down to zero);
 * - statistics from the gate and from the driver's own connection events (its debug hook names the
 *   connection each statement goes to; `onclose` says when one closes);
 * - every statement's duration, in or out of a transaction, for the metrics and the slow-query log;
 * - one policy for which statements are prepared (PreparePolicy below), whichever way drizzle sent
 *   them: its query builder and `db.execute` send every statement unnamed (stack note 16).
 */
import type { Sql } from 'postgres';

export interface PoolSettings {
  max: number;
  min: number;
  acquireTimeoutMs: number;
}

export interface PoolStats {
  /** Connections open to PostgreSQL. */
  size: number;
  /** Open and not holding a statement or transaction. */
  idle: number;
  /** Statements and transactions running (each holds one connection). */
  active: number;
  /** Waiting for a connection. */
  waiting: number;
  max: number;
  min: number;
}

export interface PoolObserver {
  /** How long a statement or transaction waited for a connection; `ok` false: it gave up. */
  onAcquire?(waitMs: number, ok: boolean): void;
  /** A statement the application sent, with how long it ran (from sending to its last row). */
  onStatement?(text: string, ms: number, failed: boolean): void;
}

/** No connection became free within the acquire timeout; nothing was sent to PostgreSQL. */
export class PoolTimeoutError extends Error {
  readonly code = 'POOL_TIMEOUT';
  constructor(readonly waitedMs: number) {
    super(`no database connection became free within ${waitedMs} ms`);
    this.name = 'PoolTimeoutError';
  }
}

type Release = () => void;

/**
 * Which statement texts are prepared. Every text comes from the code (values are parameters, lists
 * one array parameter), but some are combinations (filters, orderings, the by-id loader's types), and
 * each prepared statement holds memory in every pooled backend until its connection is recycled.
 * So a text is prepared from its second use (a combination seen once is not worth it), and at most
 * MAX_PREPARED_TEXTS texts ever are: a client sending every combination cannot grow the backends
 * without bound, it only leaves its combinations unprepared. (A statement without parameters goes
 * by postgres.js' simple protocol, never prepared.)
 */
export class PreparePolicy {
  static readonly MAX_PREPARED_TEXTS = 300;
  /** Texts counted but not yet prepared are forgotten past this many (first seen, first out). */
  static readonly MAX_COUNTED_TEXTS = 5000;
  private readonly uses = new Map<string, number>();
  private preparedCount = 0;

  prepare(text: string): boolean {
    const seen = this.uses.get(text);
    if (seen === Number.POSITIVE_INFINITY) return true;
    if (seen === undefined) {
      if (this.uses.size >= PreparePolicy.MAX_COUNTED_TEXTS) this.uses.delete(this.uses.keys().next().value!);
      this.uses.set(text, 1);
      return false;
    }
    if (this.preparedCount >= PreparePolicy.MAX_PREPARED_TEXTS) return false;
    this.preparedCount++;
    this.uses.set(text, Number.POSITIVE_INFINITY);
    return true;
  }
}

interface Waiter {
  grant: (release: Release) => void;
  timer: NodeJS.Timeout | null;
}

/** FIFO permits with a bounded wait. */
class Gate {
  private inUse = 0;
  private readonly queue: Waiter[] = [];

  constructor(
    private readonly permits: number,
    private readonly timeoutMs: number,
    private readonly observer: PoolObserver,
  ) {}

  get active() {
    return this.inUse;
  }
  get waiting() {
    return this.queue.length;
  }

  acquire(): Promise<Release> {
    if (this.inUse < this.permits && this.queue.length === 0) {
      this.inUse++;
      this.observer.onAcquire?.(0, true);
      return Promise.resolve(this.releaser());
    }
    const started = performance.now();
    return new Promise<Release>((resolve, reject) => {
      const waiter: Waiter = {
        grant: (release) => {
          if (waiter.timer) clearTimeout(waiter.timer);
          this.observer.onAcquire?.(performance.now() - started, true);
          resolve(release);
        },
        timer: null,
      };
      if (this.timeoutMs > 0) {
        waiter.timer = setTimeout(() => {
          const at = this.queue.indexOf(waiter);
          if (at >= 0) this.queue.splice(at, 1);
          const waited = performance.now() - started;
          this.observer.onAcquire?.(waited, false);
          reject(new PoolTimeoutError(this.timeoutMs));
        }, this.timeoutMs);
      }
      this.queue.push(waiter);
    });
  }

  private releaser(): Release {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.queue.shift();
      // The permit passes straight to the next waiter: the count stays the same.
      if (next) next.grant(this.releaser());
      else this.inUse--;
    };
  }
}

type Unsafe = (
  text: string,
  params?: unknown[],
  options?: object,
) => PromiseLike<unknown> & {
  values(): PromiseLike<unknown>;
};

/**
 * What drizzle awaits from `unsafe()`: a lazy query that may first be switched to array rows with
 * `.values()`. The statement is sent when awaited, as postgres.js' own query is.
 */
class PendingStatement implements PromiseLike<unknown> {
  private arrayRows = false;
  private running: Promise<unknown> | null = null;
  constructor(private readonly run: (arrayRows: boolean) => Promise<unknown>) {}
  values(): this {
    this.arrayRows = true;
    return this;
  }
  // biome-ignore lint/suspicious/noThenProperty: a thenable by design, as postgres.js' queries are
  then<A = unknown, B = never>(
    onfulfilled?: ((value: unknown) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.running ??= this.run(this.arrayRows);
    return this.running.then(onfulfilled, onrejected);
  }
  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null) {
    return this.then(undefined, onrejected);
  }
  finally(onfinally?: (() => void) | null) {
    this.running ??= this.run(this.arrayRows);
    return this.running.finally(onfinally);
  }
}

export class Pool {
  private readonly gate: Gate;
  private readonly prepared = new PreparePolicy();
  private readonly open = new Set<number>();
  private ending = false;
  /** Whether fill() was called: from then on the pool keeps `min` open. */
  private keepMin = false;
  private topUp: NodeJS.Timeout | null = null;
  /** The pool as drizzle and the executor see it: every statement timed, top-level ones gated. */
  readonly sql: Sql;

  constructor(
    private readonly target: Sql,
    readonly settings: PoolSettings,
    private readonly observer: PoolObserver = {},
  ) {
    this.gate = new Gate(settings.max, settings.acquireTimeoutMs, observer);
    this.sql = this.gated(target);
  }

  stats(): PoolStats {
    const active = this.gate.active;
    return {
      size: this.open.size,
      idle: Math.max(0, this.open.size - active),
      active,
      waiting: this.gate.waiting,
      max: this.settings.max,
      min: this.settings.min,
    };
  }

  /** For postgres.js' debug hook: the connection a statement went to is open. */
  sentOn(connection: number) {
    this.open.add(connection);
  }

  /** For postgres.js' onclose: a connection closed (idle, lifetime, error or end). */
  closed(connection: number) {
    this.open.delete(connection);
    if (this.keepMin && !this.ending && this.open.size < this.settings.min) this.scheduleTopUp(0);
  }

  /**
   * Opens connections until `min` are open, and from then on reopens any that close below it;
   * resolves when they are open (rejects if one cannot open; the pool keeps trying).
   */
  async fill(): Promise<void> {
    this.keepMin = true;
    const missing = Math.min(this.settings.min, this.settings.max) - this.open.size;
    if (missing <= 0 || this.ending) return;
    // Concurrent reservations take distinct connections: postgres.js opens one for each that finds
    // none free. Released at once, they stay open as idle connections.
    // Each runs one statement, so the debug hook sees (and counts) its connection.
    const held = await Promise.allSettled(
      Array.from({ length: missing }, async () => {
        const connection = await this.target.reserve();
        try {
          await connection`select 1`;
        } finally {
          connection.release();
        }
      }),
    );
    const failed = held.find((h): h is PromiseRejectedResult => h.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private scheduleTopUp(delayMs: number) {
    if (this.topUp || this.ending) return;
    this.topUp = setTimeout(() => {
      this.topUp = null;
      // PostgreSQL unreachable: try again later rather than in a loop.
      this.fill().catch(() => this.scheduleTopUp(5000));
    }, delayMs);
    this.topUp.unref();
  }

  async end(timeoutS: number) {
    this.ending = true;
    if (this.topUp) clearTimeout(this.topUp);
    await this.target.end({ timeout: timeoutS });
  }

  private timedUnsafe(target: Sql, gated: boolean): Unsafe {
    const { observer, gate, prepared } = this;
    return (text, params, options) =>
      new PendingStatement(async (arrayRows) => {
        const release = gated ? await gate.acquire() : null;
        const started = performance.now();
        let failed = true;
        try {
          const query = target.unsafe(text, params as never[], {
            ...options,
            prepare: prepared.prepare(text),
          });
          const rows = await (arrayRows ? query.values() : query);
          failed = false;
          return rows;
        } finally {
          release?.();
          observer.onStatement?.(text, performance.now() - started, failed);
        }
      }) as unknown as ReturnType<Unsafe>;
  }

  /** A transaction's or savepoint's scope: statements timed, not gated (it holds its connection). */
  private scoped<T extends Sql>(scope: T): T {
    const unsafe = this.timedUnsafe(scope, false);
    return new Proxy(scope, {
      get: (target, key, receiver) => {
        if (key === 'unsafe') return unsafe;
        if (key === 'savepoint') {
          return (...args: unknown[]) => {
            const fn = args.pop() as (s: Sql) => unknown;
            return (target as unknown as { savepoint: (...a: unknown[]) => unknown }).savepoint(
              ...args,
              (s: Sql) => fn(this.scoped(s)),
            );
          };
        }
        return Reflect.get(target, key, receiver);
      },
    });
  }

  private gated(sql: Sql): Sql {
    const unsafe = this.timedUnsafe(sql, true);
    const begin = async (...args: unknown[]) => {
      const fn = args.pop() as (s: Sql) => unknown;
      const release = await this.gate.acquire();
      try {
        return await (sql.begin as (...a: unknown[]) => Promise<unknown>)(...args, (tx: Sql) =>
          fn(this.scoped(tx)),
        );
      } finally {
        release();
      }
    };
    const reserve = async () => {
      const release = await this.gate.acquire();
      try {
        const reserved = await sql.reserve();
        const scope = this.scoped(reserved);
        let released = false;
        return new Proxy(scope, {
          get: (target, key, receiver) =>
            key === 'release'
              ? () => {
                  if (released) return;
                  released = true;
                  reserved.release();
                  release();
                }
              : Reflect.get(target, key, receiver),
        });
      } catch (err) {
        release();
        throw err;
      }
    };
    return new Proxy(sql, {
      get: (target, key, receiver) => {
        if (key === 'unsafe') return unsafe;
        if (key === 'begin') return begin;
        if (key === 'reserve') return reserve;
        return Reflect.get(target, key, receiver);
      },
    });
  }
}
