/**
 * Whether PostgreSQL answers, known without waiting for it: a background probe every 0.5 s on a
 * connection of its own (a busy pool is not a dead server, and the probe's statements are nobody's
 * request), run again at once when a request fails to reach PostgreSQL. A probe that fails or
 * times out (1 s, judged after the event loop has read what arrived, so an answer that waited for a
 * lagging loop counts; not counted while requests' statements keep coming back: a busy server is
 * not a gone one) marks it down: requests waiting on it are answered at once
 * (`guard`), new ones are refused at once instead of each waiting on a connection, and the first
 * probe that succeeds lets them through again. The same code runs on PGlite, where the probe always answers.
 */
import type { Logger } from 'pino';
import { causes } from '../errors.js';

/** `unsent`: the statement never reached PostgreSQL (safe to retry); `lost`: the connection dropped. */
export type ConnectionFailure = 'unsent' | 'lost';

// postgres.js reports socket and connect failures by errno name or its own codes; PostgreSQL
// itself by SQLSTATE (class 08, shutdown 57P0x, too many connections 53300).
const UNSENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  '57P03',
  '53300',
  '08001',
  '08004',
]);
const LOST = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P02',
  '08000',
  '08003',
  '08006',
  '08007',
]);

/** Work that was waiting on PostgreSQL when the probe found it gone (see `guard`). */
export class DatabaseGoneError extends Error {
  constructor(readonly failure: ConnectionFailure) {
    super('PostgreSQL stopped answering while this request waited on it');
  }
}

/** Whether an error (or the one it wraps: drizzle, GraphQL) means PostgreSQL could not be reached. */
export function connectionFailure(error: unknown): ConnectionFailure | null {
  for (const e of causes(error)) {
    if (e instanceof DatabaseGoneError) return e.failure;
    if (typeof e.code === 'string') {
      if (UNSENT.has(e.code)) return 'unsent';
      if (LOST.has(e.code)) return 'lost';
    }
  }
  return null;
}

class ProbeTimeout extends Error {
  readonly code = 'CONNECT_TIMEOUT';
  constructor() {
    super('probe timed out');
  }
}

export interface AvailabilityOptions {
  /** Between probes. */
  intervalMs?: number;
  /** A probe slower than this counts as a failure (a frozen server accepts and never answers). */
  timeoutMs?: number;
  /**
   * When a request's statement last came back (`performance.now()`): a probe that times out while
   * statements keep coming back met a busy server, not a gone one.
   */
  lastAnswer?: () => number;
}

export class DatabaseAvailability {
  private up = true;
  /** Work in flight, told when PostgreSQL goes down (a frozen server would hold it forever). */
  private readonly waiting = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private probing = false;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly lastAnswer: () => number;

  constructor(
    private readonly probe: () => Promise<void>,
    private readonly logger: Logger,
    options: AvailabilityOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.lastAnswer = options.lastAnswer ?? (() => 0);
  }

  /** The last known state: never waits. */
  get isUp(): boolean {
    return this.up;
  }

  /** Starts the background probe (idempotent). */
  start(): this {
    if (!this.timer) {
      this.timer = setInterval(() => void this.check(), this.intervalMs).unref();
      void this.check();
    }
    return this;
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * `work`, or a DatabaseGoneError as soon as the probe finds PostgreSQL gone: a statement sent to
   * a frozen server gets no answer and no statement_timeout (the server enforces it), so in-flight
   * requests are answered when the outage is known rather than when the server comes back.
   */
  guard<T>(work: Promise<T>, failure: ConnectionFailure): Promise<T> {
    if (!this.up) return Promise.reject(new DatabaseGoneError(failure));
    return new Promise<T>((resolve, reject) => {
      const gone = () => reject(new DatabaseGoneError(failure));
      this.waiting.add(gone);
      work.then(resolve, reject).finally(() => this.waiting.delete(gone));
    });
  }

  /** Refuses the next requests until a probe succeeds, and answers those waiting. */
  private markDown(reason: unknown) {
    if (!this.up) return;
    this.up = false;
    this.logger.warn({ postgres: 'down', err: reason }, 'postgres: unreachable; refusing requests');
    // Only a server that stopped answering holds statements forever; a refused or reset connection
    // fails the statements on it by itself, with what they know (sent or not).
    if (!(reason instanceof ProbeTimeout)) return;
    for (const gone of this.waiting) gone();
    this.waiting.clear();
  }

  /**
   * One probe, given `timeoutMs`; the verdict is taken after the loop has read what arrived. In a
   * turn of the event loop timers run before sockets are read, so a timeout that fires in a turn
   * whose sockets hold the answer (this process was held up: a long synchronous task, a saturated
   * loop) would otherwise count an answer that is there as none. Wall time, not less this
   * process' lag: a server that does not answer is not to be excused because the loop is busy too.
   */
  private probeOnce(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const settle = (err?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err === undefined) resolve();
        else reject(err);
      };
      // Two turns of the loop after the timer: postgres.js writes a query on setImmediate, so on a
      // loop whose every turn is held up the probe goes out at the end of one turn and its answer
      // is read in the poll phase of the next (a frozen server still answers nothing by then).
      const timer = setTimeout(
        () => setImmediate(() => setImmediate(() => settle(new ProbeTimeout()))),
        this.timeoutMs,
      );
      (async () => this.probe())().then(
        () => settle(),
        (err: unknown) => settle(err ?? new Error('probe failed')),
      );
    });
  }

  /** One probe, bounded by the timeout; updates the state. */
  async check(): Promise<boolean> {
    if (this.probing) return this.up;
    this.probing = true;
    const started = performance.now();
    try {
      try {
        await this.probeOnce();
      } catch (err) {
        if (!(err instanceof ProbeTimeout)) throw err;
        // Requests' statements came back meanwhile: a server busy enough to be slow to a probe
        // (every core on big queries) is answering, and refusing everyone would be the outage.
        if (this.lastAnswer() > started) return this.up;
        throw err;
      }
      if (!this.up) this.logger.info({ postgres: 'up' }, 'postgres: reachable again; serving requests');
      this.up = true;
    } catch (err) {
      this.markDown(err);
    } finally {
      this.probing = false;
    }
    return this.up;
  }
}
