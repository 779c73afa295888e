/** Network helpers of the tests' own: a free port, and a TCP proxy that can freeze or slow a server. */
import { createServer, type Server, Socket } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

/**
 * A TCP proxy in front of a server of the test's own: `frozen` holds bytes in either direction
 * until `thaw()` (a hung or partitioned server); `delayMs` delays every answer (a slow one).
 */
export class TcpProxy {
  frozen = false;
  delayMs = 0;
  private held: Array<() => void> = [];
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((client) => {
    const upstream = new Socket();
    this.sockets.add(client).add(upstream);
    const relay = (from: Socket, to: Socket, delayed: boolean) =>
      from.on('data', (chunk) => {
        const send = () => to.write(chunk);
        if (this.frozen) this.held.push(send);
        else if (delayed && this.delayMs > 0) setTimeout(send, this.delayMs);
        else send();
      });
    relay(client, upstream, false);
    relay(upstream, client, true);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    upstream.connect(this.target.port, this.target.host);
  });

  constructor(private readonly target: { host: string; port: number }) {}

  /** Listens on a free port; returns it. */
  listen() {
    return listen(this.server);
  }

  thaw() {
    this.frozen = false;
    for (const send of this.held.splice(0)) send();
  }

  async close() {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }
}
