/**
 * The real server as a child process (`node --import tsx src/server.ts` unless told otherwise), with
 * the environment the tests share: a free port on 127.0.0.1, info lines, no rate limit, no demo seed.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './net.js';
import { until } from './wait.js';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

export interface ServerProcessOptions {
  /** Default: the node running the tests. */
  command?: string;
  /** Default: `--import tsx src/server.ts`. */
  args?: string[];
  cwd?: string;
  /** Over the shared environment (PORT is the free port found, unless given here). */
  env?: Record<string, string>;
  /** Default 'pipe' (collected); an fd (a FIFO's write end) is handed to the child as is. */
  stdout?: 'pipe' | number;
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** http://127.0.0.1:PORT */
  url: string;
  /** What it wrote so far ('' for stdout when it went to an fd). */
  stdout(): string;
  stderr(): string;
  /** stdout and stderr in the order they came. */
  output(): string;
  /** stdout's complete lines so far, parsed as JSON (a line that is not JSON throws). */
  lines(): LogLine[];
  /** Exit code (or signal name) and when it came. */
  exited: Promise<{ code: number | string; at: number }>;
  /** Until `check` holds; fails at once, with what it wrote, if the process exits first. */
  waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void>;
  /** Until a stdout line has this msg (or a msg starting with it, for a string ending in a space) or matches. */
  waitForLine(match: string | ((line: LogLine) => boolean), timeoutMs: number): Promise<LogLine>;
  /** `signal` (default SIGKILL) to a process still running, and its exit awaited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function startServerProcess(options: ServerProcessOptions = {}): Promise<ServerProcess> {
  const port = Number(options.env?.PORT ?? (await freePort()));
  const child = spawn(
    options.command ?? process.execPath,
    options.args ?? ['--import', 'tsx', 'src/server.ts'],
    {
      cwd: options.cwd,
      env: {
        // The node running the tests first: npm's `node` is the same one.
        PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`,
        HOME: process.env.HOME ?? tmpdir(),
        NODE_ENV: 'test',
        PORT: String(port),
        HOST: '127.0.0.1',
        SEED_DEMO: 'false',
        LOG_LEVEL: 'info',
        RATE_LIMIT_PER_MINUTE: '0',
        ...options.env,
      },
      stdio: ['ignore', options.stdout ?? 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
    output += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
    output += d;
  });
  const exited = new Promise<{ code: number | string; at: number }>((resolve) =>
    child.once('exit', (code, signal) =>
      resolve({ code: code ?? signal ?? 'unknown', at: performance.now() }),
    ),
  );
  const lines = () =>
    stdout
      .split('\n')
      .slice(0, -1)
      .filter((l) => l.trim() !== '')
      .map((text) => {
        try {
          return JSON.parse(text) as LogLine;
        } catch {
          throw new Error(`not a JSON line on stdout: ${text}`);
        }
      });
  const waitFor = (check: () => boolean | Promise<boolean>, timeoutMs: number) =>
    until(async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`server exited (${child.exitCode ?? child.signalCode}):\n${output}`);
      }
      return check();
    }, timeoutMs);
  const matches = (match: string | ((line: LogLine) => boolean)) =>
    typeof match === 'function'
      ? match
      : (l: LogLine) => (match.endsWith(' ') ? l.msg.startsWith(match) : l.msg === match);
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    stdout: () => stdout,
    stderr: () => stderr,
    output: () => output,
    lines,
    exited,
    waitFor,
    async waitForLine(match, timeoutMs) {
      const test = matches(match);
      let found: LogLine | undefined;
      await waitFor(() => {
        found = lines().find(test);
        return found !== undefined;
      }, timeoutMs);
      return found!;
    },
    async stop(signal = 'SIGKILL') {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        await exited;
      }
    },
  };
}
