/**
 * The access log: one JSON line per request, written when its answer is done (sent, or the client
 * gone), with msg 'request' (README, "Logs"). Probes and scrapes (/healthz, /readyz, /metrics) are
 * logged at debug level, every other request at info. Nothing the client sent is in it but the
 * method, the path without its query string, and the operation's name as its document gives it:
 * no header, no token, no variable, no document.
 */
import type { Logger } from 'pino';
import type { RequestInfo } from './request-context.js';

const MAX_NAME_CHARS = 200;
const MAX_PATH_CHARS = 200;
/** Answered every few seconds to a load balancer or Prometheus: at info they would drown the rest. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/** The path of a request's URL (origin-form `/graphql?query=...` or absolute), without its query. */
export function pathOf(url: string): string {
  let path = url;
  const query = path.search(/[?#]/);
  if (query >= 0) path = path.slice(0, query);
  if (!path.startsWith('/')) {
    try {
      path = new URL(path).pathname;
    } catch {
      path = '/';
    }
  }
  return path.length > MAX_PATH_CHARS ? `${path.slice(0, MAX_PATH_CHARS)}…` : path;
}

export class AccessLog {
  constructor(
    private readonly logger: Logger,
    /** ACCESS_LOG: false writes nothing. */
    readonly enabled: boolean,
  ) {}

  /**
   * `request` (method, URL) answered with `status` after `ms`, from its arrival to its answer;
   * `aborted`: the client went away first (the status is then the one set so far, and the request
   * may still be running).
   */
  request(request: RequestInfo, method: string, url: string, status: number, ms: number, aborted = false) {
    if (!this.enabled) return;
    const path = pathOf(url);
    const level = QUIET_PATHS.has(path) ? 'debug' : 'info';
    if (!this.logger.isLevelEnabled(level)) return;
    this.logger[level](
      {
        requestId: request.id,
        method,
        path,
        operationName: request.operationName?.slice(0, MAX_NAME_CHARS) ?? null,
        status,
        durationMs: Math.round(ms * 10) / 10,
        cache: request.cache,
        signedIn: request.signedIn,
        statements: request.statements,
        // Only with read replicas (DATABASE_REPLICA_URLS): where its reads went.
        ...(request.database ? { database: request.database } : {}),
        ...(aborted ? { aborted: true } : {}),
      },
      'request',
    );
  }
}
