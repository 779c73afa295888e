/**
 * How long this process' event loop has been held up (a long synchronous task, a loop saturated
 * by CPU work, the process descheduled), so that health checks of Redis and PostgreSQL do not
 * count against them the time an answer waited for this process to read it: a call's own time is
 * its wall time less the loop's lag over it (`ownMs`).
 *
 * One timer for the process, every TICK_MS while a measurement is open (`lagStart` to `lagEnd`;
 * an idle process is not woken up): each tick adds how late it ran, less a floor for the timer's
 * ordinary slack, to a running total. Reading the total also counts the tick that is overdue right
 * now, so it is current wherever it is read (in a timer that fired late, before the tick's own
 * timer has run). Nothing is allocated per measurement.
 */
import { requestContext } from './request-context.js';

const TICK_MS = 20;
/** A timer runs a millisecond or two late on an idle loop (more on a loaded machine, rarely). */
const FLOOR_MS = 2;

let stalledMs = 0;
let lastTick = 0;
/** Measurements open: the timer re-arms itself while there is one. */
let open = 0;
let ticking = false;
let ticker: NodeJS.Timeout | null = null;

function tick() {
  const now = performance.now();
  const late = now - lastTick - TICK_MS - FLOOR_MS;
  if (late > 0) stalledMs += late;
  lastTick = now;
  if (open > 0) ticker?.refresh();
  else ticking = false;
}

/** Milliseconds the event loop has been held up while measured (grows only), at `now` (`performance.now()`). */
export function lagMs(now: number): number {
  if (!ticking) return stalledMs;
  const overdue = now - lastTick - TICK_MS - FLOOR_MS;
  return overdue > 0 ? stalledMs + overdue : stalledMs;
}

/** Opens a measurement at `now` (close it with `lagEnd`): returns `lagMs(now)`, for `ownMs`. */
export function lagStart(now: number): number {
  open++;
  if (!ticking) {
    ticking = true;
    lastTick = now;
    // Outside the request that opened the first measurement: a timer keeps its creator's context.
    if (ticker) ticker.refresh();
    else ticker = requestContext.exit(() => setTimeout(tick, TICK_MS).unref());
  }
  return lagMs(now);
}

/** Closes a measurement opened by `lagStart` (after its last `ownMs`). */
export function lagEnd() {
  open--;
}

/**
 * The time something started at `started` (with `lagAtStart = lagStart(started)`) took until
 * `now`, less the event loop's lag meanwhile: the time it would have taken had this process been
 * free to read its answer.
 */
export function ownMs(started: number, lagAtStart: number, now: number): number {
  return Math.max(0, now - started - (lagMs(now) - lagAtStart));
}
