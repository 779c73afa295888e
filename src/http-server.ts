/**
 * The node:http server, bounded against slow and greedy clients: a header and a whole-request
 * timeout (a client trickling bytes, or sending none, is cut off), an idle keep-alive timeout, a
 * socket inactivity timeout (a client that stops reading its response holds the socket otherwise:
 * the request timeouts end once the request is in), and caps on open connections per client
 * address and in all, so no address, nor many, can use up the process's file descriptors (a socket
 * over a cap is destroyed as it arrives).
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import { limitSubject } from './client-address.js';

export interface HttpLimits {
  headersTimeoutMs: number;
  /** The whole request, body included: sized so the 8 MB body limit uploads on a slow link. */
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  /** A socket with nothing read or written for this long is destroyed, whatever its state. */
  socketTimeoutMs: number;
  /** Open connections per client address, an IPv6 one by its /64 (0: no cap). */
  connectionsPerAddress: number;
  /** Open connections in all (0: no cap). */
  maxConnections: number;
}

export function createHttpServer(handler: RequestListener, limits: HttpLimits): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the two timeouts on this interval (30 s by default, which would triple a 10 s
      // header timeout).
      connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
    },
    handler,
  );
  // With no 'timeout' listener on the server, request or response, node destroys the socket.
  server.timeout = limits.socketTimeoutMs;
  if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections;
  if (limits.connectionsPerAddress > 0) {
    const open = new Map<string, number>();
    server.on('connection', (socket) => {
      // An IPv6 client by its /64, as the rate limits count it (src/client-address.ts).
      const address = limitSubject(socket.remoteAddress ?? 'unknown');
      const count = (open.get(address) ?? 0) + 1;
      if (count > limits.connectionsPerAddress) {
        socket.destroy();
        return;
      }
      open.set(address, count);
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left > 0) open.set(address, left);
        else open.delete(address);
      });
    });
  }
  return server;
}
