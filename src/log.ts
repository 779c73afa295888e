/**
 * Logging hygiene: an `err` serializer that keeps what explains a failure (type, message, SQLSTATE,
 * constraint, stack frames, the errors it wraps) and nothing of the data involved (postgres.js'
 * `parameters`, `query`, `detail`; the `params:` drizzle appends to its message; values quoted
 * in PostgreSQL's data-exception messages and in graphql-js' coercion errors), and an adapter
 * that gives Yoga's own log calls a message and an `err` instead of an array (which pino printed
 * as `{"0":{}}`).
 */
import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import { connectionFailure } from './db/availability.js';
import { causes, driverError, isGraphQLError, withoutValues } from './errors.js';
import { currentRequest, requestContext } from './request-context.js';

// Fields of driver and GraphQL errors that say what failed without saying what was stored.
const KEEP = [
  'code',
  'errno',
  'syscall',
  'severity',
  'constraint_name',
  'table_name',
  'column_name',
  'schema_name',
  'routine',
] as const;

const MAX_DEPTH = 4;

function scrubMessage(message: string, code: unknown, reason?: string): string {
  // graphql-js' coercion errors quote the client's value (a sign-in's password): cut as in answers.
  // drizzle: "Failed query: <sql with $n placeholders>\nparams: <every value>"
  let m = withoutValues(message, reason).replace(/\nparams: [\s\S]*$/, '');
  // SQLSTATE class 22 (data exception) quotes the offending value: `invalid input syntax for type uuid: "..."`
  if (typeof code === 'string' && code.startsWith('22')) m = m.replace(/"(?:[^"]|"")*"/g, '"<redacted>"');
  return m;
}

/** The message of the error a GraphQL error wraps: the reason at the end of a coercion error's message. */
const reasonOf = (error: unknown) => {
  const inner = isGraphQLError(error) ? error.originalError : undefined;
  return typeof inner?.message === 'string' ? inner.message : undefined;
};

/** The pino serializer for `err`: safe to write whatever the error carried. */
export function serializeError(error: unknown, depth = 0): unknown {
  if (!error || typeof error !== 'object') return error;
  const e = error as Record<string, unknown>;
  const code = driverError(e).code;
  const out: Record<string, unknown> = {
    type: (e.constructor as { name?: string } | undefined)?.name ?? e.name ?? 'Error',
    message: scrubMessage(String(e.message ?? ''), code, reasonOf(e)),
  };
  for (const key of KEEP) {
    const v = e[key];
    if (typeof v === 'string' || typeof v === 'number') out[key] = v;
  }
  const extensions = e.extensions as { code?: unknown } | undefined;
  if (typeof extensions?.code === 'string') out.extensionsCode = extensions.code;
  if (Array.isArray(e.path)) out.path = e.path;
  // Frames only: the stack's first line repeats the unscrubbed message.
  if (typeof e.stack === 'string') {
    out.stack = e.stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .join('\n');
  }
  const inner = e.cause ?? e.originalError;
  if (inner && inner !== error && depth < MAX_DEPTH) out.cause = serializeError(inner, depth + 1);
  return out;
}

/**
 * pino's `mixin`: a line written while a request is served (by the app, Yoga, the slow log, the
 * cache's warnings, the error log) carries the request's id, read from its context
 * (src/request-context.ts). A line's own `requestId` wins (the slow log's, for a statement of no request).
 */
export function requestMixin(): { requestId?: string } {
  const request = currentRequest();
  return request ? { requestId: request.id } : {};
}

/**
 * The service's logger (src/server.ts; the tests' too): JSON lines at `level`, errors through the
 * `err` serializer, every line of a request with its id. A mixin is set where the logger is made
 * (children inherit it), so whoever builds the logger createApp gets must build it here.
 */
export function createLogger(level: LoggerOptions['level'], destination?: DestinationStream): Logger {
  const options: LoggerOptions = { level, serializers: { err: serializeError }, mixin: requestMixin };
  if (destination) return pino(options, destination);
  const stdout = stdoutDestination();
  const logger = pino(options, stdout);
  // Once the reader caught up (the queue written out), one line says how many were lost meanwhile.
  let unreported = 0;
  stdout.on('drop', () => unreported++);
  stdout.on('drain', () => {
    if (unreported === 0) return;
    const dropped = unreported;
    unreported = 0;
    // Not a line of the request whose write happened to empty the queue.
    requestContext.exit(() => logger.warn({ dropped }, `stdout was blocked: ${dropped} log lines dropped`));
  });
  return logger;
}

/** Lines written while stdout's reader did not keep up and were not queued (log_lines_dropped_total). */
let droppedLines = 0;
export const logLinesDropped = () => droppedLines;

/** What waits for a reader that stopped reading stdout; past it, whole lines are dropped (and counted). */
const MAX_QUEUED_BYTES = 1024 * 1024;
/** How long the exit waits for such a reader to take what is queued (then exits all the same). */
const EXIT_FLUSH_MS = 300;

/**
 * stdout for the service's logger. Lines are written asynchronously (pino's default destination,
 * in order), and a reader that stops reading (a log shipper stalled, the process that spawned the
 * server gone while the pipe stays open: EAGAIN) must cost neither a request nor the exit:
 * - while it does not read, lines wait in a queue of MAX_QUEUED_BYTES, retried every 100 ms, and
 *   further lines are dropped whole (sonic-boom's `maxLength`), never the event loop blocked nor
 *   memory growing without bound;
 * - on exit (process.exit: pino flushes what is queued synchronously, retrying EAGAIN forever and
 *   holding the process with it) the flush gives up after EXIT_FLUSH_MS: the reader then gets the
 *   lines in order up to where it stopped (the last one possibly cut).
 */
function stdoutDestination() {
  let giveUpAt = Number.POSITIVE_INFINITY;
  /** A write met EAGAIN and waits for its retry (a timer): no write is under way. */
  let retrying = false;
  const stdout = pino.destination({
    // process.stdout, not 1: creating it makes a pipe non-blocking (libuv), so that a full pipe
    // answers EAGAIN instead of blocking the write (the exit's flush is a synchronous write).
    dest: process.stdout.fd,
    sync: false,
    maxLength: MAX_QUEUED_BYTES,
    retryEAGAIN: () => {
      retrying = true;
      return performance.now() < giveUpAt;
    },
  });
  stdout.on('write', () => {
    retrying = false;
  });
  stdout.on('drop', () => droppedLines++);
  const flushSync = stdout.flushSync.bind(stdout);
  stdout.flushSync = () => {
    giveUpAt = performance.now() + EXIT_FLUSH_MS;
    // sonic-boom's flushSync leaves out the chunk being written (it may be in a write under way)
    // and writes what follows: with a retry waiting, that chunk (possibly half written) comes first.
    const sonic = stdout as unknown as { _writing: boolean };
    if (retrying) sonic._writing = false;
    try {
      flushSync();
    } catch {
      // EAGAIN past the bound: the reader takes nothing, what is queued is lost.
    } finally {
      giveUpAt = Number.POSITIVE_INFINITY;
    }
  };
  return stdout;
}

/** The logger with the `err` serializer, whatever logger the caller built. */
export const withErrorSerializer = (logger: Logger): Logger =>
  logger.child({}, { serializers: { err: serializeError } });

const isErrorLike = (v: unknown): v is { message: unknown } => v instanceof Error || isGraphQLError(v);

/** Yoga's `logging` option over pino: `(message, ...rest)` or `(error)` become one proper line. */
export function yogaLogging(logger: Logger) {
  const at =
    (asked: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const errors = args.filter(isErrorLike);
      // A GraphQL error with nothing but GraphQL errors behind it is the client's (a value that
      // did not coerce, quoting it): not a failure of the service.
      const level =
        asked === 'error' && errors[0] && [...causes(errors[0])].every(isGraphQLError) ? 'debug' : asked;
      if (!logger.isLevelEnabled(level)) return;
      const [first, ...rest] = args;
      // Yoga logs every error it masks. PostgreSQL being unreachable is logged once per change of
      // state (src/db/availability.ts): a request refused or failed for it is a debug line, no SQL.
      const failure = level === 'error' && errors[0] ? connectionFailure(errors[0]) : null;
      if (failure) {
        const code = driverError(errors[0]).code;
        logger.debug(
          { postgres: failure, ...(code ? { code } : {}) },
          'yoga: request failed: PostgreSQL unreachable',
        );
        return;
      }
      const extra = rest.filter((v) => ['string', 'number', 'boolean'].includes(typeof v));
      const fields = {
        ...(errors[0] ? { err: errors[0] } : {}),
        ...(extra.length ? { args: extra } : {}),
      };
      const message =
        typeof first === 'string'
          ? first
          : isErrorLike(first)
            ? scrubMessage(String(first.message), driverError(first).code, reasonOf(first))
            : 'graphql-yoga';
      logger[level](fields, `yoga: ${message}`);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
