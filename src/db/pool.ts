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
 *
 * The gate changes postgres.js' behaviour under load: with every connection busy, postgres.js
 * pipelined further statements onto busy connections (each waited behind the one ahead of it on
 * that connection, however long); now they wait in the gate's queue for the first connection to
 * free up, and give up after the acquire timeout. Throughput with fewer requests than connections
 * is unchanged; past that, the queue is fair (FIFO) rather than per connection.
 */
import type { Sql } from 'postgres';
import { causes } from '../errors.js';

export interface PoolSettings {
  max: number;
  min: number;
  acquireTimeoutMs: number;
  /**
   * How long a fill waits for its connections before it gives up and tries again later (the
   * driver's connect timeout plus a margin): a connection attempt the driver never settles must not
   * stop the pool from ever filling again.
   */
  fillTimeoutMs?: number;
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
  constructor(readonly timeoutMs: number) {
    super(`no database connection became free within ${timeoutMs} ms`);
    this.name = 'PoolTimeoutError';
  }
}

/**
 * The pool timeout behind an error, looking through drizzle's and GraphQL's wrappers (by its
 * code: a second copy of this module in a test runner has another class).
 */
export function poolTimeout(error: unknown): PoolTimeoutError | null {
  for (const e of causes(error)) if (e.code === 'POOL_TIMEOUT') return e as unknown as PoolTimeoutError;
  return null;
}

/**
 * What the pool sends to hold a connection open (fill): excluded from the statement hooks, it is
 * nobody's request.
 */
export const FILL_STATEMENT = 'select 1 /* pool fill */';
/** Between attempts to reopen connections below the minimum while PostgreSQL refuses them. */
const TOP_UP_RETRY_MS = 2000;
const DEFAULT_FILL_TIMEOUT_MS = 15_000;

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
  /** Texts seen once. */
  private readonly seenOnce = new Set<string>();
  /** Kept apart from those seen once: texts a client sends once each cannot push them out. */
  private readonly prepared = new Set<string>();

  prepare(text: string): boolean {
    if (this.prepared.has(text)) return true;
    if (!this.seenOnce.has(text)) {
      if (this.seenOnce.size >= PreparePolicy.MAX_COUNTED_TEXTS)
        this.seenOnce.delete(this.seenOnce.values().next().value!);
      this.seenOnce.add(text);
      return false;
    }
    if (this.prepared.size >= PreparePolicy.MAX_PREPARED_TEXTS) return false;
    this.seenOnce.delete(text);
    this.prepared.add(text);
    return true;
  }
}

interface Waiter {
  grant: (release: Release) => void;
  timer: NodeJS.Timeout | null;
}

/**
 * FIFO permits with a bounded wait. A release hands its permit straight to the first waiter (so a
 * newcomer cannot overtake the queue); a waiter's timer is cleared when it is granted, and a waiter
 * that timed out has left the queue, so a permit is never given to one that already gave up.
 * Releasing twice frees one permit.
 */
export class Gate {
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

/** The text of a tagged-template statement, with postgres.js' placeholders, for the statement hook. */
const templateText = (strings: TemplateStringsArray) =>
  strings.reduce((text, part, i) => `${text}$${i}${part}`);

const isTemplate = (first: unknown): first is TemplateStringsArray =>
  Array.isArray(first) && Array.isArray((first as unknown as TemplateStringsArray).raw);

export class Pool {
  private readonly gate: Gate;
  private readonly prepared = new PreparePolicy();
  private readonly open = new Set<number>();
  private ending = false;
  /** Whether fill() was called: from then on the pool keeps `min` open. */
  private keepMin = false;
  private filling: Promise<void> | null = null;
  private topUp: NodeJS.Timeout | null = null;
  /** The settings in force: `min` at most `max`. */
  readonly settings: PoolSettings;
  /** The pool as drizzle and the executor see it: every statement timed, top-level ones gated. */
  readonly sql: Sql;

  constructor(
    private readonly target: Sql,
    settings: PoolSettings,
    private readonly observer: PoolObserver = {},
  ) {
    this.settings = { ...settings, min: Math.min(settings.min, settings.max) };
    this.gate = new Gate(settings.max, settings.acquireTimeoutMs, observer);
    this.sql = this.wrap(target, true);
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
    // A fill under way checks again when it ends.
    if (this.short() && !this.filling) this.scheduleTopUp(0);
  }

  private short() {
    return this.keepMin && !this.ending && this.open.size < this.settings.min;
  }

  /**
   * Opens connections until `min` are open, and from then on reopens any that close below it;
   * resolves when they are open, rejects if one cannot open (the pool keeps trying every
   * TOP_UP_RETRY_MS). One fill at a time: a call during a fill shares it.
   */
  fill(): Promise<void> {
    this.keepMin = true;
    if (this.ending) return Promise.resolve();
    this.filling ??= this.fillOnce().finally(() => {
      this.filling = null;
    });
    return this.filling;
  }

  private async fillOnce(): Promise<void> {
    try {
      if (this.open.size >= this.settings.min) return;
      // postgres.js has no "open a connection": reserve() takes an idle connection if there is one
      // and opens a new one only when none is. So the fill holds, all at once, as many connections
      // as the minimum leaves beside the ones requests hold (the gate's permits): the idle ones
      // first, then new ones up to `min`. Held together, each reservation is a distinct connection.
      // They are the driver's own, not the gate's: a top-up under load does not wait behind
      // requests nor count as one (for the round trip of FILL_STATEMENT, a request may find one
      // fewer free connection and queue in postgres.js meanwhile).
      const wanted = this.settings.min - this.gate.active;
      if (wanted <= 0) {
        // Requests hold the minimum or more (some still opening theirs): look again shortly.
        if (this.short()) this.scheduleTopUp(TOP_UP_RETRY_MS / 2);
        return;
      }
      const reservations = Array.from({ length: wanted }, () => this.target.reserve());
      let timer: NodeJS.Timeout | undefined;
      const held = await Promise.race([
        Promise.allSettled(reservations),
        new Promise<null>((resolve) => {
          timer = setTimeout(resolve, this.settings.fillTimeoutMs ?? DEFAULT_FILL_TIMEOUT_MS, null);
          timer.unref();
        }),
      ]).finally(() => clearTimeout(timer));
      if (!held) {
        // Given up: whichever connections open later go back to the pool at once.
        for (const r of reservations)
          r.then(
            (c) => c.release(),
            () => {},
          );
        throw new Error('the pool could not open its minimum of connections in time');
      }
      try {
        // One round trip on each: an idle connection PostgreSQL already closed shows it here.
        const checked = await Promise.allSettled(
          held.flatMap((h) => (h.status === 'fulfilled' ? [h.value.unsafe(FILL_STATEMENT)] : [])),
        );
        const failed = [...held, ...checked].find((h): h is PromiseRejectedResult => h.status === 'rejected');
        if (failed) throw failed.reason;
      } finally {
        for (const h of held) if (h.status === 'fulfilled') h.value.release();
      }
      // Connections closed meanwhile (or requests took more of them): try again shortly.
      if (this.short()) this.scheduleTopUp(TOP_UP_RETRY_MS / 2);
    } catch (err) {
      // PostgreSQL unreachable or out of connections: try again later rather than in a loop.
      if (this.short()) this.scheduleTopUp(TOP_UP_RETRY_MS);
      throw err;
    }
  }

  private scheduleTopUp(delayMs: number) {
    if (this.topUp || this.ending) return;
    this.topUp = setTimeout(() => {
      this.topUp = null;
      this.fill().catch(() => {}); // fillOnce scheduled the next attempt
    }, delayMs);
    this.topUp.unref();
  }

  async end(timeoutS: number) {
    this.ending = true;
    if (this.topUp) clearTimeout(this.topUp);
    this.topUp = null;
    await this.target.end({ timeout: timeoutS });
  }

  private timedUnsafe(target: Sql, gated: boolean): Unsafe {
    return (text, params, options) =>
      this.statement(gated, text, (arrayRows) => {
        const query = target.unsafe(text, params as never[], {
          ...options,
          // Without parameters postgres.js sends it by the simple protocol, never prepared: it takes
          // no place among the prepared texts.
          prepare: params?.length ? this.prepared.prepare(text) : false,
        });
        return arrayRows ? query.values() : query;
      }) as unknown as ReturnType<Unsafe>;
  }

  /** One statement, sent when awaited: a permit first when `gated`, then timed. */
  private statement(
    gated: boolean,
    text: string,
    send: (arrayRows: boolean) => PromiseLike<unknown>,
  ): PendingStatement {
    const { observer, gate } = this;
    return new PendingStatement(async (arrayRows) => {
      // A PoolTimeoutError here: nothing was sent, so no statement is reported.
      const release = gated ? await gate.acquire() : null;
      const started = performance.now();
      let failed = true;
      try {
        const rows = await send(arrayRows);
        failed = false;
        return rows;
      } finally {
        release?.();
        observer.onStatement?.(text, performance.now() - started, failed);
      }
    });
  }

  /**
   * `sql` with its statements timed and, when `gated` (the pool itself, outside any transaction),
   * each behind a permit: `unsafe` (what drizzle sends), tagged templates, `begin` and `reserve`
   * (which hold theirs until they end), and, inside a transaction, `savepoint` (its statements
   * timed, not gated: the transaction holds its connection already).
   */
  private wrap<T extends Sql>(sql: T, gated: boolean): T {
    const unsafe = this.timedUnsafe(sql, gated);
    const scopedFn =
      (fn: (s: Sql) => unknown) =>
      (scope: Sql): unknown =>
        fn(this.wrap(scope, false));
    const begin = async (...args: unknown[]) => {
      const fn = args.pop() as (s: Sql) => unknown;
      const release = gated ? await this.gate.acquire() : null;
      try {
        return await (sql.begin as (...a: unknown[]) => Promise<unknown>)(...args, scopedFn(fn));
      } finally {
        release?.();
      }
    };
    const savepoint = (...args: unknown[]) => {
      const fn = args.pop() as (s: Sql) => unknown;
      return (sql as unknown as { savepoint: (...a: unknown[]) => unknown }).savepoint(...args, scopedFn(fn));
    };
    const reserve = async () => {
      const release = await this.gate.acquire();
      try {
        const reserved = await sql.reserve();
        const scope = this.wrap(reserved, false);
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
    const methods: Record<PropertyKey, unknown> = {
      unsafe,
      ...(gated ? { begin, reserve } : { savepoint }),
    };
    return new Proxy(sql, {
      // sql`...` is a statement; sql(value) is a helper (an identifier, a list) used inside one.
      apply: (target, self, args: unknown[]) =>
        isTemplate(args[0])
          ? this.statement(gated, templateText(args[0]), (arrayRows) => {
              const query = Reflect.apply(target, self, args) as ReturnType<Sql>;
              return arrayRows ? query.values() : query;
            })
          : Reflect.apply(target, self, args),
      get: (target, key, receiver) =>
        Object.hasOwn(methods, key) ? methods[key] : Reflect.get(target, key, receiver),
    });
  }
}
