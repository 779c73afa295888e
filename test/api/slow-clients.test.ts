/**
 * Slow and greedy clients at the socket level (src/http-server.ts): a client trickling its headers
 * or its body, or saying nothing, is cut off by the header and request timeouts; one address
 * cannot hold more than its share of connections. Through a real HTTP server on a free port,
 * with small limits; the margins are wide (a loaded machine).
 */
import { request as httpRequest, type RequestListener, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpLimits } from '../../src/http-server.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { freePort } from '../helpers/net.js';

const LONG = 600_000;

let t: TestApp;
let server: Server | undefined;
const sockets: Socket[] = [];
const timers: NodeJS.Timeout[] = [];

beforeAll(async () => {
  t = await createTestApp('slowclients');
});
afterEach(async () => {
  for (const timer of timers.splice(0)) clearInterval(timer);
  for (const socket of sockets.splice(0)) socket.destroy();
  if (server) {
    server.closeAllConnections();
    await new Promise((r) => server?.close(r));
    server = undefined;
  }
});
afterAll(async () => {
  await t?.close();
});

async function start(limits: HttpLimits, handler: RequestListener = t.app): Promise<number> {
  const port = await freePort();
  server = createHttpServer(handler, limits);
  await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
  return port;
}

/** A raw connection from `from` (127.0.0.x: another client address on loopback). */
function open(port: number, from = '127.0.0.1'): Promise<Socket & { gone: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', localAddress: from });
    sockets.push(socket);
    socket.on('data', () => {}); // a 408 may be written before the close
    const gone = new Promise<void>((r) => socket.once('close', () => r()));
    socket.once('error', () => {});
    socket.once('connect', () => resolve(Object.assign(socket, { gone })));
    socket.once('error', reject);
  });
}

/** Writes one byte of `text` every `everyMs` until it runs out or the socket closes. */
function trickle(socket: Socket, text: string, everyMs: number) {
  let i = 0;
  const timer = setInterval(() => {
    if (socket.destroyed || i >= text.length) return clearInterval(timer);
    socket.write(text[i++]!);
  }, everyMs);
  timers.push(timer);
}

const within = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open'), ms))]);

/**
 * Whether a connection from `from` is let in (still open after a second) before the deadline:
 * polled, as the server sees a client's close some time after the client does (longer under load).
 */
async function letIn(port: number, from: string, deadlineMs: number): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    const socket = await open(port, from).catch(() => null);
    if (socket && (await within(socket.gone, 1000)) === 'still open') return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

function healthz(port: number, from: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { port, host: '127.0.0.1', localAddress: from, path: '/healthz', agent: false },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('slow clients', () => {
  it('closes a connection trickling its headers, one trickling its body, and one saying nothing', async () => {
    const port = await start({
      headersTimeoutMs: 1000,
      requestTimeoutMs: 3000,
      keepAliveTimeoutMs: 1000,
      socketTimeoutMs: LONG,
      connectionsPerAddress: 100,
      maxConnections: 0,
    });
    const headers = await open(port);
    trickle(headers, `GET /healthz HTTP/1.1\r\nHost: test\r\nX-Slow: ${'a'.repeat(10_000)}`, 200);
    const body = await open(port);
    body.write(
      'POST /graphql HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n',
    );
    trickle(body, `{"query":"${' '.repeat(9_000)}`, 200);
    const silent = await open(port);
    // node's defaults: 60 s for headers, 300 s for the request, nothing for a silent socket
    expect(await Promise.all([headers, body, silent].map((s) => within(s.gone, 20_000)))).toEqual([
      'closed',
      'closed',
      'closed',
    ]);
    expect(await healthz(port, '127.0.0.1')).toBe(200);
  });

  it('closes a connection that stops sending its body, or stops reading its response', async () => {
    // A response larger than the socket buffers of both ends, which the client never reads.
    const large = Buffer.alloc(64 * 1024 * 1024, 'x');
    const port = await start(
      {
        headersTimeoutMs: LONG,
        requestTimeoutMs: LONG,
        keepAliveTimeoutMs: LONG,
        socketTimeoutMs: 1000,
        connectionsPerAddress: 0,
        maxConnections: 0,
      },
      (req, res) => {
        if (req.url === '/large') res.end(large);
        else req.on('end', () => res.end('ok')).resume();
      },
    );
    // Seen from the server: a paused client does not notice its socket closing.
    const closedOnServer = new Map<number, Promise<void>>();
    server!.on('connection', (socket) => {
      closedOnServer.set(socket.remotePort!, new Promise((r) => socket.once('close', () => r())));
    });
    const midBody = await open(port);
    midBody.write('POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\n{');
    const unread = await open(port);
    unread.pause();
    unread.write('GET /large HTTP/1.1\r\nHost: test\r\n\r\n');
    // node's request timeouts end once the request is in; nothing else closes an unread response
    const closes = [midBody, unread].map((s) => closedOnServer.get(s.localPort!)!);
    expect(await Promise.all(closes.map((closed) => within(closed, 20_000)))).toEqual(['closed', 'closed']);
  });

  it('closes connections over the process-wide cap, whatever their address', async () => {
    const port = await start({
      headersTimeoutMs: LONG,
      requestTimeoutMs: LONG,
      keepAliveTimeoutMs: LONG,
      socketTimeoutMs: LONG,
      connectionsPerAddress: 0,
      maxConnections: 3,
    });
    const held = await Promise.all(['127.0.0.5', '127.0.0.6', '127.0.0.7'].map((from) => open(port, from)));
    const extra = await open(port, '127.0.0.8').catch(() => null);
    if (extra) expect(await within(extra.gone, 10_000)).toBe('closed');
    for (const s of held) expect(s.destroyed).toBe(false);
    // a closed connection frees its place
    held[0]!.destroy();
    expect(await letIn(port, '127.0.0.8', 10_000)).toBe(true);
  });

  it('destroys a connection over the per-address cap at once; other addresses still get in', async () => {
    const port = await start({
      headersTimeoutMs: LONG,
      requestTimeoutMs: LONG,
      keepAliveTimeoutMs: LONG,
      socketTimeoutMs: LONG,
      connectionsPerAddress: 5,
      maxConnections: 0,
    });
    const held = await Promise.all(Array.from({ length: 5 }, () => open(port, '127.0.0.3')));
    for (const s of held) s.write('GET /healthz HTTP/1.1\r\nHost: test\r\n');
    const extra = await open(port, '127.0.0.3').catch(() => null);
    if (extra) expect(await within(extra.gone, 10_000)).toBe('closed');
    // the held ones are not touched, and another address is served
    for (const s of held) expect(s.destroyed).toBe(false);
    expect(await healthz(port, '127.0.0.4')).toBe(200);
    // a closed connection frees its place, once the server has seen the close
    held[0]!.destroy();
    expect(await letIn(port, '127.0.0.3', 10_000)).toBe(true);
  });
});
