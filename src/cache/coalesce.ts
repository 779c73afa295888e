/**
 * Request coalescing for response-cache misses, in this process. When a cached answer expires,
 * every concurrent request for it misses at once and each would compute the same answer (a cache
 * stampede). Instead, the first request to miss on a key leads a "flight"; a request that misses on
 * the same key while the flight is up waits for it to end, then looks the key up again and serves
 * what the store holds. It never takes the leader's result itself: only what the store accepted
 * (src/cache/store.ts refuses a result read before an invalidation of what it read), so a hit after
 * waiting is exactly the hit a request arriving then would get, and correctness stays the cache's.
 * Still a miss (the leader failed, was refused, had a TTL of 0, Redis is down): it computes.
 *
 * Bounded: a flight ends when its leader has answered (its store written or refused), or at the
 * latest `maxWaitMs` after it began, so no waiter outlives that even if the leader never answers. A
 * waiter waits once, holds nothing while it waits (no database connection: the context is built
 * only after), has no timer of its own, and stops waiting when its client goes (its abort signal).
 * The key is the response cache's (schema, session token, document, variables): requests of other
 * sessions never share a flight, and a hit is checked against the waiter's own viewer as any is.
 */

export interface CoalesceStats {
  /** Misses that waited for another request computing the same key. */
  waited: number;
  /** Of those, answered from the cache after waiting (a computation saved). */
  served: number;
  /** Of those, computed after all: still a miss, or the client went while waiting. */
  computed: number;
  /** Flights that ended by the time limit, their leader still computing. */
  expired: number;
}

export class Flight {
  private ended = false;
  private resolve!: () => void;
  /** Settles once the flight ends (never rejects). */
  readonly done = new Promise<void>((resolve) => {
    this.resolve = resolve;
  });
  timer: NodeJS.Timeout | null = null;
  constructor(
    readonly key: string,
    /** The request leading it (its node:http message, or its Fetch Request). */
    readonly owner: object,
  ) {}

  end() {
    if (this.ended) return;
    this.ended = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.resolve();
  }
}

export class MissCoalescer {
  private readonly flights = new Map<string, Flight>();
  private readonly led = new WeakMap<object, Flight>();
  readonly stats: CoalesceStats = { waited: 0, served: 0, computed: 0, expired: 0 };
  /** Requests waiting now (for tests and metrics). */
  waiting = 0;

  /** `maxWaitMs`: the longest a flight keeps others waiting (0: no coalescing). */
  constructor(public maxWaitMs = 2000) {}

  /** The flight computing `key` now, if any. */
  flight(key: string): Flight | null {
    return this.flights.get(key) ?? null;
  }

  /** Flights up now (for tests and metrics). */
  get inFlight(): number {
    return this.flights.size;
  }

  /**
   * Documents whose answers are never stored (a TTL of 0 by the types they select, as the audit
   * log): their misses are not coalesced, so a request for one never waits for nothing. Bounded in
   * count (oldest out first), as src/cache/plugin.ts' OperationKinds.
   */
  private readonly neverStored = new Set<string>();

  private static document(query: string, operationName: string | null | undefined) {
    return `${operationName ?? ''}\n${query}`;
  }

  /** Whether misses on this document may be coalesced (false: its answers are never stored). */
  coalesces(query: string, operationName: string | null | undefined): boolean {
    return this.maxWaitMs > 0 && !this.neverStored.has(MissCoalescer.document(query, operationName));
  }

  /** What the response cache decided for a document: stored for `ttlMs` (0: never). */
  noteTtl(query: string, operationName: string | null | undefined, ttlMs: number): void {
    const document = MissCoalescer.document(query, operationName);
    if (ttlMs > 0) {
      this.neverStored.delete(document);
      return;
    }
    if (query.length > 16 * 1024) return;
    this.neverStored.add(document);
    if (this.neverStored.size > 1000) this.neverStored.delete(this.neverStored.values().next().value!);
  }

  /**
   * `owner` computes `key`: later misses on it wait for `owner` (unless a flight is up already, or
   * coalescing is off). Ended by `release(owner)` or after `maxWaitMs`.
   */
  lead(key: string, owner: object): void {
    if (this.maxWaitMs <= 0 || this.flights.has(key) || this.led.has(owner)) return;
    const flight = new Flight(key, owner);
    flight.timer = setTimeout(() => {
      this.stats.expired++;
      this.drop(flight);
    }, this.maxWaitMs);
    flight.timer.unref();
    this.flights.set(key, flight);
    this.led.set(owner, flight);
  }

  /** `owner` has answered (stored, refused, failed): its waiters look the key up again. Idempotent. */
  release(owner: object | null | undefined): void {
    if (!owner) return;
    const flight = this.led.get(owner);
    if (flight) this.drop(flight);
  }

  private drop(flight: Flight) {
    if (this.flights.get(flight.key) === flight) this.flights.delete(flight.key);
    this.led.delete(flight.owner);
    flight.end();
  }

  /**
   * Waits for `flight` to end, or for `signal` (the client went). Resolves true when the flight
   * ended, false when the wait was given up; never rejects, leaves no listener behind.
   */
  async wait(flight: Flight, signal?: AbortSignal | null): Promise<boolean> {
    this.stats.waited++;
    if (signal?.aborted) return false;
    this.waiting++;
    let onAbort: (() => void) | null = null;
    try {
      const aborted = new Promise<false>((resolve) => {
        if (!signal) return;
        onAbort = () => resolve(false);
        signal.addEventListener('abort', onAbort, { once: true });
      });
      return await Promise.race([flight.done.then(() => true), aborted]);
    } finally {
      this.waiting--;
      if (onAbort) signal!.removeEventListener('abort', onAbort);
    }
  }

  /** Notes how a wait turned out: served from the cache, or computed after all. */
  outcome(served: boolean): void {
    if (served) this.stats.served++;
    else this.stats.computed++;
  }
}
