/**
 * The slow-query log: a statement, or a request, that takes at least SLOW_QUERY_MS is written once,
 * as one JSON line at warn level, with the request id and GraphQL operation it belongs to (0: off).
 * PostgreSQL's own `log_min_duration_statement` sees the server's side; this sees the application's
 * (README, "Slow queries").
 */
import type { Logger } from 'pino';
import type { Metrics } from './metrics.js';
import { currentRequest, type RequestInfo } from './request-context.js';

/** A logged statement is cut to this many characters (the widest by-id union is longer). */
const MAX_STATEMENT_CHARS = 2000;
const MAX_NAME_CHARS = 200;

/**
 * A statement as logged: whitespace collapsed, at most MAX_STATEMENT_CHARS. Values are never in
 * the text (drizzle and the loaders send them as `$n` parameters), so none is logged.
 */
export function normaliseStatement(text: string): string {
  const collapsed = text
    .slice(0, MAX_STATEMENT_CHARS * 4)
    .replace(/\s+/g, ' ')
    .trim();
  return collapsed.length > MAX_STATEMENT_CHARS ? `${collapsed.slice(0, MAX_STATEMENT_CHARS)}…` : collapsed;
}

const nameOf = (request: RequestInfo | undefined) => request?.operationName?.slice(0, MAX_NAME_CHARS) ?? null;
const roundMs = (ms: number) => Math.round(ms * 10) / 10;

export class SlowLog {
  constructor(
    private readonly logger: Logger,
    /** 0: nothing is logged. */
    readonly thresholdMs: number,
  ) {}

  /** A statement of `request` (undefined: of no request) that ran `ms`. */
  statement(text: string, ms: number, failed: boolean, request: RequestInfo | undefined) {
    if (this.thresholdMs === 0 || ms < this.thresholdMs) return;
    this.logger.warn(
      {
        requestId: request?.id ?? null,
        operationName: nameOf(request),
        statement: normaliseStatement(text),
        durationMs: roundMs(ms),
        failed,
      },
      'slow statement',
    );
  }

  /** A request answered with `status` after `ms` (from its arrival to its answer). */
  request(request: RequestInfo, status: number, ms: number) {
    if (this.thresholdMs === 0 || ms < this.thresholdMs) return;
    this.logger.warn(
      {
        requestId: request.id,
        operationName: nameOf(request),
        durationMs: roundMs(ms),
        status,
        statements: request.statements,
      },
      'slow request',
    );
  }
}

/**
 * The pool's per-statement hook (PoolObserver.onStatement): each statement the application sends
 * is counted for its request, timed in `db_query_duration_seconds` and logged when slow. One read
 * of the request context per statement.
 */
export function statementObserver(metrics?: Metrics, slowLog?: SlowLog) {
  return (text: string, ms: number, failed: boolean) => {
    const request = currentRequest();
    if (request) request.statements++;
    metrics?.observeStatement(text, ms, request);
    slowLog?.statement(text, ms, failed, request);
  };
}
