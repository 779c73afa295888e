/**
 * The load generator, run as its own process by the orchestrator: N keep-alive connections, each a
 * closed loop (send, read the whole answer, send the next) for a fixed time. A minimal node:http
 * client rather than autocannon: autocannon resets a connection's context on every pass over its
 * request list, so it cannot chain W5's cursors per connection.
 *
 * argv[2]: JSON LoadSpec. Prints one JSON LoadResult line on stdout.
 */
import { Agent, request } from 'node:http';
import { type Fixtures, makeDriver, type ServerName, type WorkloadName } from './workloads.js';

export interface LoadSpec {
  port: number;
  server: ServerName;
  workload: WorkloadName;
  fixtures: Fixtures;
  token: string | null;
  connections: number;
  seconds: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p99: number;
  /** Answers that were not 200, or carried GraphQL errors. */
  errors: number;
  firstError: string | null;
}

async function run(spec: LoadSpec): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const deadline = started + spec.seconds * 1000;

  const send = (method: string, path: string, body: string | undefined) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const headers: Record<string, string> = {};
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      if (spec.token) headers.authorization = `Bearer ${spec.token}`;
      const req = request({ host: '127.0.0.1', port: spec.port, method, path, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });

  const loop = async (index: number) => {
    // Spread the connections over W1's ids.
    const driver = makeDriver(spec.server, spec.workload, spec.fixtures, index * 13);
    while (performance.now() < deadline) {
      const { method, path, body } = driver.next();
      const t0 = performance.now();
      const res = await send(method, path, body);
      latencies.push(performance.now() - t0);
      // GraphQL errors come as 200 with an "errors" member: look at the start of the answer only.
      if (res.status !== 200 || res.text.slice(0, 12).includes('"errors"')) {
        errors++;
        firstError ??= `HTTP ${res.status}: ${res.text.slice(0, 300)}`;
      } else if (driver.chained) driver.onBody(res.text);
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, (_, i) => loop(i)));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0;
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: pct(0.5),
    p99: pct(0.99),
    errors,
    firstError,
  };
}

const spec = JSON.parse(process.argv[2]!) as LoadSpec;
process.stdout.write(`${JSON.stringify(await run(spec))}\n`);
