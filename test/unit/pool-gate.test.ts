/** The pool's gate (src/db/pool.ts): FIFO permits, a bounded wait, no permit lost or doubled. */
import type { Sql } from 'postgres';
import { describe, expect, it } from 'vitest';
import { Gate, Pool, PoolTimeoutError, poolTimeout } from '../../src/db/pool.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function observed() {
  const acquires: { waitMs: number; ok: boolean }[] = [];
  return {
    acquires,
    observer: { onAcquire: (waitMs: number, ok: boolean) => acquires.push({ waitMs, ok }) },
  };
}

describe('Gate', () => {
  it('grants up to its permits at once, then in arrival order', async () => {
    const gate = new Gate(2, 0, {});
    const a = await gate.acquire();
    const b = await gate.acquire();
    const order: string[] = [];
    const noted = (name: string) => (release: () => void) => {
      order.push(name);
      return release;
    };
    const c = gate.acquire().then(noted('c'));
    const d = gate.acquire().then(noted('d'));
    expect(gate.waiting).toBe(2);
    b();
    (await c)();
    a();
    (await d)();
    expect(order).toEqual(['c', 'd']);
    expect(gate.active).toBe(0);
    expect(gate.waiting).toBe(0);
  });

  it('lets no newcomer overtake a waiter when a permit frees', async () => {
    const gate = new Gate(1, 0, {});
    const first = await gate.acquire();
    const waiter = gate.acquire();
    first();
    // The permit went to the waiter, not back to the pool: a newcomer must queue.
    expect(gate.active).toBe(1);
    let newcomerGranted = false;
    const newcomer = gate.acquire().then((release) => {
      newcomerGranted = true;
      return release;
    });
    await sleep(5);
    expect(newcomerGranted).toBe(false);
    (await waiter)();
    (await newcomer)();
    expect(gate.active).toBe(0);
  });

  it('fails a waiter after the timeout, not before, and forgets it', async () => {
    const { acquires, observer } = observed();
    const gate = new Gate(1, 100, observer);
    const held = await gate.acquire();
    const started = performance.now();
    const failure = await gate.acquire().catch((e: unknown) => e);
    const waited = performance.now() - started;
    expect(failure).toBeInstanceOf(PoolTimeoutError);
    expect((failure as PoolTimeoutError).code).toBe('POOL_TIMEOUT');
    expect(waited).toBeGreaterThanOrEqual(99); // timers may fire a fraction of a millisecond early
    expect(gate.waiting).toBe(0);
    expect(acquires.at(-1)?.ok).toBe(false);
    // The permit it never got is not handed to it later: releasing frees it for the next caller.
    held();
    expect(gate.active).toBe(0);
    (await gate.acquire())();
  });

  it('clears the timer of a waiter it grants: no late failure, one observation', async () => {
    const { acquires, observer } = observed();
    const gate = new Gate(1, 50, observer);
    const held = await gate.acquire();
    const waiter = gate.acquire();
    held();
    const release = await waiter;
    await sleep(120); // past the timeout: a timer left running would have fired by now
    expect(acquires.map((a) => a.ok)).toEqual([true, true]);
    expect(gate.active).toBe(1);
    release();
    expect(gate.active).toBe(0);
  });

  it('frees one permit however often a release is called', async () => {
    const gate = new Gate(1, 0, {});
    const a = await gate.acquire();
    const b = gate.acquire();
    const c = gate.acquire();
    a();
    a(); // a second release must not also grant c
    await b;
    let cGranted = false;
    void c.then(() => {
      cGranted = true;
    });
    await sleep(5);
    expect(cGranted).toBe(false);
    expect(gate.active).toBe(1);
    (await b)();
    (await c)();
    expect(gate.active).toBe(0);
  });

  it('waits without limit when the timeout is 0', async () => {
    const gate = new Gate(1, 0, {});
    const held = await gate.acquire();
    let settled = false;
    const waiter = gate.acquire().finally(() => {
      settled = true;
    });
    await sleep(30);
    expect(settled).toBe(false);
    held();
    (await waiter)();
  });
});

describe('Pool settings and errors', () => {
  // Never called: the pool only wraps its target until a statement is awaited.
  const unused = (() => {
    throw new Error('no statement expected');
  }) as unknown as Sql;

  it('keeps at most max connections open as its minimum', () => {
    const pool = new Pool(unused, { max: 1, min: 5, acquireTimeoutMs: 100 });
    expect(pool.stats()).toMatchObject({ max: 1, min: 1, size: 0, idle: 0, active: 0, waiting: 0 });
  });

  it('gives up a fill whose connections the driver never opens, and gives back any that open later', async () => {
    let opened: () => void = () => {};
    let released = 0;
    // A driver whose reservation settles only when the test says so (an attempt it never settles).
    const stuck = {
      reserve: () =>
        new Promise((resolve) => {
          opened = () => resolve({ release: () => released++ });
        }),
    } as unknown as Sql;
    const pool = new Pool(stuck, { max: 2, min: 1, acquireTimeoutMs: 100, fillTimeoutMs: 50 });
    const started = performance.now();
    await expect(pool.fill()).rejects.toThrow(/minimum of connections/);
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    opened();
    await new Promise((r) => setTimeout(r, 0));
    expect(released).toBe(1);
    await pool.end(0).catch(() => {});
  });

  it('prepares a repeated statement with parameters, never one without (simple protocol)', async () => {
    const sent: { text: string; prepare: unknown }[] = [];
    const driver = {
      unsafe: (text: string, _params: unknown[], options: { prepare?: unknown }) => {
        sent.push({ text, prepare: options.prepare });
        const rows = Promise.resolve([]);
        return Object.assign(rows, { values: () => rows });
      },
    } as unknown as Sql;
    const pool = new Pool(driver, { max: 2, min: 0, acquireTimeoutMs: 100 });
    for (let i = 0; i < 2; i++) {
      await pool.sql.unsafe('select 1', []);
      await pool.sql.unsafe('select $1', [1]);
    }
    expect(sent.map((s) => `${s.text}: ${s.prepare}`)).toEqual([
      'select 1: false',
      'select $1: false',
      'select 1: false',
      'select $1: true',
    ]);
  });

  it('finds a pool timeout through the wrappers drizzle and GraphQL put around it', () => {
    const inner = new PoolTimeoutError(500);
    const wrapped = Object.assign(new Error('Failed query'), { cause: inner });
    const graphql = Object.assign(new Error('masked'), { originalError: wrapped });
    expect(poolTimeout(graphql)).toBe(inner);
    expect(poolTimeout(new Error('other'))).toBeNull();
    expect(inner.message).toBe('no database connection became free within 500 ms');
  });
});
