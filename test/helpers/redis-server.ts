/** A redis-server of the test's own on a free port, to stop, freeze or kill (never the shared one). */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './net.js';

export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

export interface OwnRedis {
  url: string;
  /** Runs a redis-cli command against it (e.g. SAVE). */
  cli(...args: string[]): string;
  /** SIGSTOP: connections stay open, nothing is answered. */
  freeze(): void;
  thaw(): void;
  /** Kills the server (an outage); `restart` brings it back on the same port, empty. */
  kill(): Promise<void>;
  restart(): Promise<void>;
  /** Kills it and removes its directory. */
  stop(): Promise<void>;
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const dir = mkdtempSync(path.join(tmpdir(), 'own-redis-'));
  const port = await freePort();
  let child: ChildProcess;
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited;
    }
  };
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const pong = spawnSync('redis-cli', ['-p', String(port), 'ping'])
        .stdout?.toString()
        .trim();
      if (pong === 'PONG') return;
      await new Promise((r) => setTimeout(r, 50));
    }
    await kill();
    throw new Error(`redis-server on port ${port} did not start`);
  };
  const stop = async () => {
    await kill();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await start();
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    cli: (...args) =>
      spawnSync('redis-cli', ['-p', String(port), ...args])
        .stdout?.toString()
        .trim() ?? '',
    freeze: () => child.kill('SIGSTOP'),
    thaw: () => child.kill('SIGCONT'),
    kill,
    restart: start,
    stop,
  };
}
