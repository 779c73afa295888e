/**
 * A Redis Cluster of the test's own: three masters and three replicas on loopback ports (each with
 * its cluster bus port free too), started with redis-server's own arguments as an operator would
 * (no persistence: a test) and joined by `redis-cli --cluster create`. `stop()` kills every node
 * and removes the directory.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './net.js';

export interface OwnRedisCluster {
  /** The nodes' ports; the first three started as masters (roles change on a failover). */
  ports: number[];
  /** The node processes, in the order of `ports` (to kill one). */
  servers: ChildProcess[];
  /** A seed node's URL, for REDIS_URL with REDIS_CLUSTER=true. */
  url: string;
  /** A redis-cli command against one node, its output trimmed. */
  cli(port: number, ...args: string[]): string;
  stop(): Promise<void>;
}

const cli = (port: number, ...args: string[]) =>
  spawnSync('redis-cli', ['-p', String(port), ...args])
    .stdout?.toString()
    .trim() ?? '';

const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** A free port whose cluster bus port (port + 10000) is free too. */
async function clusterPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port < 55_000 && !taken.has(port) && (await canListen(port + 10_000))) {
      taken.add(port);
      return port;
    }
  }
}

/** Polls `check` every 100 ms; fails after `ms`. */
export async function until(what: string, check: () => boolean, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startRedisCluster(): Promise<OwnRedisCluster> {
  const dir = mkdtempSync(path.join(tmpdir(), 'redis-cluster-'));
  const servers: ChildProcess[] = [];
  const ports: number[] = [];
  const stop = async () => {
    await Promise.all(
      servers.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve(null);
            child.once('exit', resolve);
            child.kill('SIGKILL');
          }),
      ),
    );
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const taken = new Set<number>();
    for (let i = 0; i < 6; i++) ports.push(await clusterPort(taken));
    for (const port of ports) {
      servers.push(
        spawn(
          'redis-server',
          [
            '--port',
            String(port),
            '--bind',
            '127.0.0.1',
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            path.join(dir, `nodes-${port}.conf`),
            '--cluster-node-timeout',
            '2000',
            '--save',
            '',
            '--appendonly',
            'no',
            '--daemonize',
            'no',
            '--dir',
            dir,
          ],
          { stdio: 'ignore' },
        ),
      );
    }
    for (const port of ports) await until(`node ${port}`, () => cli(port, 'ping') === 'PONG');
    const create = spawnSync('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((p) => `127.0.0.1:${p}`),
      '--cluster-replicas',
      '1',
      '--cluster-yes',
    ]);
    if (create.status !== 0) throw new Error(`cluster create: ${create.stdout}${create.stderr}`);
    for (const port of ports) {
      await until(`cluster_state:ok on ${port}`, () =>
        cli(port, 'cluster', 'info').includes('cluster_state:ok'),
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { ports, servers, url: `redis://127.0.0.1:${ports[0]}`, cli, stop };
}
