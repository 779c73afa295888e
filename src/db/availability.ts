/**
 * Whether PostgreSQL answers, known without waiting for it: a background probe every second on a
 * connection of its own (a busy pool is not a dead server, and the probe's statements are nobody's
 * request), run again at once when a request fails to reach PostgreSQL. While it is
 * down, requests are refused at once instead of each waiting on a connection; the first probe that
 * succeeds lets them through again. The same code runs on PGlite, where the probe always answers.
 */
import type { Logger } from 'pino';

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

/** Whether an error (or the one it wraps: drizzle, GraphQL) means PostgreSQL could not be reached. */
export function connectionFailure(error: unknown): ConnectionFailure | null {
  let e = error as { code?: unknown; cause?: unknown; originalError?: unknown } | null | undefined;
  for (let i = 0; e && typeof e === 'object' && i < 6; i++) {
    if (typeof e.code === 'string') {
      if (UNSENT.has(e.code)) return 'unsent';
      if (LOST.has(e.code)) return 'lost';
    }
    e = (e.cause ?? e.originalError) as typeof e;
  }
  return null;
}

export interface AvailabilityOptions {
  /** Between probes. */
  intervalMs?: number;
  /** A probe slower than this counts as a failure (a frozen server accepts and never answers). */
  timeoutMs?: number;
}

export class DatabaseAvailability {
  private up = true;
  private timer: NodeJS.Timeout | null = null;
  private probing = false;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;

  constructor(
    private readonly probe: () => Promise<void>,
    private readonly logger: Logger,
    options: AvailabilityOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.timeoutMs = options.timeoutMs ?? 2000;
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

  /** Refuses the next requests until a probe succeeds. */
  private markDown(reason: unknown) {
    if (!this.up) return;
    this.up = false;
    this.logger.warn({ postgres: 'down', err: reason }, 'postgres: unreachable; refusing requests');
  }

  /** One probe, bounded by the timeout; updates the state. */
  async check(): Promise<boolean> {
    if (this.probing) return this.up;
    this.probing = true;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.probe(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(Object.assign(new Error('probe timed out'), { code: 'CONNECT_TIMEOUT' })),
            this.timeoutMs,
          );
        }),
      ]);
      if (!this.up) this.logger.info({ postgres: 'up' }, 'postgres: reachable again; serving requests');
      this.up = true;
    } catch (err) {
      this.markDown(err);
    } finally {
      clearTimeout(timer);
      this.probing = false;
    }
    return this.up;
  }
}
