/**
 * stdout blocked: whatever reads the server's stdout stops reading (a log shipper stalls, the test
 * runner that spawned it is gone while it runs on). The pipe fills (64 KB), and then:
 * - requests are still answered within a bound (log lines wait in a bounded queue, then are
 *   dropped and counted in log_lines_dropped_total: never the event loop blocked on a write);
 * - SIGTERM still exits within SHUTDOWN_TIMEOUT_S (the exit's flush of what is queued is bounded);
 * - every line the reader gets, before and after, is a whole JSON line, in the order written.
 * stdout is a FIFO (as containerd gives a container, or a shell pipeline), not the socket pair
 * `stdio: 'pipe'` makes: its 64 KB fill up as a log shipper's pipe does.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { until } from '../helpers/wait.js';

const SHUTDOWN_TIMEOUT_S = 3;
/** A request must be answered within this while stdout is blocked (a loaded 2-core machine). */
const ANSWER_BOUND_MS = 2_000;
/** ~250 bytes of operation name make each access line ~500 bytes: the pipe is full after ~130. */
const NAME = `Fill${'x'.repeat(190)}`;

describe('a server whose stdout is not read', () => {
  let testDb: TestDatabase;
  let server: ServerProcess | null = null;
  let dir = '';
  let reader: Socket;
  let port = 0;
  let stdout = '';
  const onData = (d: Buffer) => {
    stdout += d;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase('logblock');
    dir = mkdtempSync(join(tmpdir(), 'logblock-'));
    const fifo = join(dir, 'stdout');
    execFileSync('mkfifo', [fifo]);
    const readEnd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writeEnd = openSync(fifo, constants.O_WRONLY);
    reader = new Socket({ fd: readEnd, readable: true, writable: false });
    server = await startServerProcess({
      env: {
        NODE_ENV: 'development',
        DATABASE_URL: testDb.url,
        DB_POOL_MIN: '1',
        SHUTDOWN_TIMEOUT_S: String(SHUTDOWN_TIMEOUT_S),
      },
      stdout: writeEnd,
    });
    port = server.port;
    closeSync(writeEnd);
    reader.on('data', onData);
    await server.waitFor(() => /"msg":"listening at /.test(stdout), 120_000);
    // From now on nobody reads: the pipe's buffer fills with access lines.
    reader.off('data', onData);
    reader.pause();
  }, 180_000);

  afterAll(async () => {
    await server?.stop('SIGKILL');
    reader?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
    await testDb?.drop();
  });

  const ask = async (i: number) => {
    const started = performance.now();
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': `fill-${i}` },
      body: JSON.stringify({ query: `query ${NAME} { __typename }` }),
      signal: AbortSignal.timeout(ANSWER_BOUND_MS),
    });
    expect(res.status).toBe(200);
    await res.text();
    return performance.now() - started;
  };

  it('answers requests within a bound while stdout is blocked, dropping and counting log lines', async () => {
    // Well past the pipe's 64 KB, then on until lines are dropped (the queue's bound).
    const latencies: number[] = [];
    let dropped = 0;
    for (let batch = 0; batch < 200 && dropped === 0; batch++) {
      latencies.push(...(await Promise.all(Array.from({ length: 25 }, (_, i) => ask(batch * 25 + i)))));
      if (batch % 10 === 9 || batch < 1) {
        const metrics = await (
          await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(ANSWER_BOUND_MS) })
        ).text();
        dropped = Number(/^log_lines_dropped_total (\d+)/m.exec(metrics)?.[1] ?? 0);
      }
    }
    latencies.sort((a, b) => a - b);
    const p = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))]!);
    console.log(
      `stdout blocked: ${latencies.length} requests, p50 ${p(0.5)} ms, p99 ${p(0.99)} ms, max ${p(1)} ms; ${dropped} log lines dropped`,
    );
    expect(dropped).toBeGreaterThan(0);
  }, 120_000);

  /**
   * Every line read so far, parsed: a torn or interleaved line fails here. `cut`: the last may end
   * without its newline (a server that exited with lines queued writes up to where the pipe was full).
   */
  const lines = (cut = false) =>
    stdout
      .split('\n')
      .filter((l, i, all) => l !== '' && !(cut && i === all.length - 1))
      .map((l) => JSON.parse(l) as { level: number; msg: string; requestId?: string; dropped?: number });
  /** The fill requests' numbers in the order their lines were read. */
  const fillsIn = (read: ReturnType<typeof lines>) =>
    read.filter((l) => l.requestId?.startsWith('fill-')).map((l) => Number(l.requestId!.slice(5)));
  const expectInOrder = (fills: number[]) => {
    // Within a batch answers finish in any order (and a line may be written just after the client
    // got its answer, so next to the next batch's); never further back.
    for (let i = 1; i < fills.length; i++) {
      expect(Math.floor(fills[i]! / 25)).toBeGreaterThanOrEqual(Math.floor(fills[i - 1]! / 25) - 1);
    }
  };

  it('writes out what was queued once read again, then says how many lines were dropped', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const dropped = Number(/^log_lines_dropped_total (\d+)/m.exec(metrics)?.[1]);
    reader.on('data', onData);
    reader.resume();
    await until(async () => stdout.includes('log lines dropped'), 10_000);
    await ask(1_000_000);
    await until(async () => stdout.includes('"requestId":"fill-1000000"'), 10_000);

    const read = lines();
    const warning = read.findIndex((l) => l.msg.startsWith('stdout was blocked'));
    expect(read[warning]).toMatchObject({
      level: 40,
      dropped,
      msg: `stdout was blocked: ${dropped} log lines dropped`,
    });
    const fills = fillsIn(read);
    expect(fills.length).toBeGreaterThan(1000);
    expectInOrder(fills);
    // The queue went out before the warning, the next request's line after it.
    expect(read.findIndex((l) => l.requestId === 'fill-1000000')).toBeGreaterThan(warning);
  }, 30_000);

  it('exits within SHUTDOWN_TIMEOUT_S of SIGTERM while stdout is blocked', async () => {
    reader.off('data', onData);
    reader.pause();
    const before = stdout.length;
    // Past the pipe's 64 KB and what the reader buffers: lines queue in the server.
    for (let batch = 0; batch < 16; batch++) {
      await Promise.all(Array.from({ length: 25 }, (_, i) => ask(2_000_000 + batch * 25 + i)));
    }
    expect(stdout.length).toBe(before);

    const signalled = performance.now();
    server!.child.kill('SIGTERM');
    const exit = await Promise.race([
      server!.exited,
      new Promise<null>((r) => setTimeout(() => r(null), SHUTDOWN_TIMEOUT_S * 1000 + 2_000)),
    ]);
    console.log(
      `stdout blocked: ${exit ? `exit ${exit.code} after ${Math.round(exit.at - signalled)} ms` : 'no exit'} (SHUTDOWN_TIMEOUT_S=${SHUTDOWN_TIMEOUT_S})`,
    );
    expect(exit, `no exit within SHUTDOWN_TIMEOUT_S + 2 s: ${server!.stderr()}`).not.toBeNull();
    expect(exit!.code).toBe(0);
    expect(server!.stderr()).toBe('');

    // What the pipe held is whole JSON lines, in the order written.
    reader.on('data', onData);
    reader.resume();
    await new Promise((r) => reader.once('end', r));
    const fills = fillsIn(lines(true)).filter((n) => n >= 2_000_000);
    expect(fills.length).toBeGreaterThan(50);
    expectInOrder(fills);
  }, 30_000);
});
