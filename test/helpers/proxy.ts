/**
 * Many instances behind a real reverse proxy: N API server processes (startServerProcess, the
 * caller's database and Redis, TRUST_PROXY on) and an nginx of the test's own (Debian's package,
 * installed by .ci/run) in a temporary prefix: round robin over the instances, keep-alive
 * connections to them, X-Forwarded-For appended, its logs in the prefix. `stop()` ends them all.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './net.js';
import { type ServerProcess, startServerProcess } from './server-process.js';
import { until } from './wait.js';

/** Debian's nginx is in /usr/sbin, which a user's PATH may not hold. */
const NGINX = ['nginx', '/usr/sbin/nginx'].find((bin) => spawnSync(bin, ['-v']).status === 0);
export const hasNginx = NGINX !== undefined;

export interface ProxiedInstances {
  /** The proxy's port and URL on 127.0.0.1. */
  port: number;
  url: string;
  servers: ServerProcess[];
  /** The directory nginx runs in (nginx.conf, error.log, access.log). */
  dir: string;
  /** nginx's master process (its worker is a child of it). */
  nginxPid: number;
  /** nginx's access log so far: one line a request, `upstream=` the instance(s) tried. */
  accessLog(): Promise<string>;
  errorLog(): Promise<string>;
  /** The index of the instance whose access log has this request id (waits for the line). */
  servedBy(requestId: string, timeoutMs?: number): Promise<number>;
  stop(): Promise<void>;
}

function nginxConf(dir: string, port: number, upstreams: number[]): string {
  return `# written by test/helpers/proxy.ts
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes 1;
error_log ${dir}/error.log info;
events { worker_connections 512; }
http {
  log_format upstreams '$remote_addr "$request" $status upstream=$upstream_addr upstream_status=$upstream_status request_id=$upstream_http_x_request_id';
  access_log ${dir}/access.log upstreams;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream api {
    # Round robin (nginx's default); an instance that fails is left out for 10 s.
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=10s;`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://api;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      # The next instance takes a request whose instance failed: any request not yet sent, and an
      # idempotent one (GET) already sent; never a POST already sent (nginx's rule).
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 3;
      proxy_connect_timeout 2s;
    }
  }
}
`;
}

function getStatus(port: number, urlPath: string): Promise<number> {
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: urlPath, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve(0));
    req.end();
  });
}

export async function startProxiedInstances(options: {
  count?: number;
  /** Over startServerProcess' shared environment; TRUST_PROXY is 'true'. */
  env: Record<string, string>;
  startTimeoutMs?: number;
  /** The instances' stdout (startServerProcess); an fd (e.g. /dev/null's): readiness is a 200 from /healthz. */
  stdout?: 'pipe' | number;
  /** The instances' working directory (default: this process'). */
  cwd?: string;
}): Promise<ProxiedInstances> {
  const count = options.count ?? 3;
  const timeoutMs = options.startTimeoutMs ?? 90_000;
  const dir = await mkdtemp(path.join(tmpdir(), 'recon-nginx-'));
  const servers: ServerProcess[] = [];
  let nginx: ChildProcess | undefined;
  let nginxOutput = '';
  const stop = async () => {
    if (nginx && nginx.exitCode === null && nginx.signalCode === null) {
      const exited = new Promise((resolve) => nginx!.once('exit', resolve));
      // SIGQUIT: graceful; SIGTERM: fast. Its master ends its worker either way.
      nginx.kill('SIGTERM');
      await exited;
    }
    await Promise.all(servers.map((s) => s.stop()));
    await rm(dir, { recursive: true, force: true });
  };
  try {
    servers.push(
      ...(await Promise.all(
        Array.from({ length: count }, () =>
          startServerProcess({
            env: { TRUST_PROXY: 'true', ...options.env },
            stdout: options.stdout ?? 'pipe',
            cwd: options.cwd,
          }),
        ),
      )),
    );
    await Promise.all(
      servers.map((s) =>
        options.stdout === undefined || options.stdout === 'pipe'
          ? s.waitForLine('listening at ', timeoutMs)
          : s.waitFor(async () => (await getStatus(s.port, '/healthz')) === 200, timeoutMs),
      ),
    );
    const port = await freePort();
    await writeFile(
      path.join(dir, 'nginx.conf'),
      nginxConf(
        dir,
        port,
        servers.map((s) => s.port),
      ),
    );
    const child = spawn(
      NGINX ?? 'nginx',
      [
        '-e',
        path.join(dir, 'error.log'),
        '-p',
        dir,
        '-c',
        path.join(dir, 'nginx.conf'),
        '-g',
        `daemon off; pid ${path.join(dir, 'nginx.pid')};`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    nginx = child;
    child.stdout!.on('data', (d) => {
      nginxOutput += d;
    });
    child.stderr!.on('data', (d) => {
      nginxOutput += d;
    });
    await until(async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        const log = await readFile(path.join(dir, 'error.log'), 'utf8').catch(() => '');
        throw new Error(`nginx exited (${child.exitCode ?? child.signalCode}):\n${nginxOutput}\n${log}`);
      }
      return (await getStatus(port, '/healthz')) === 200;
    }, 10_000);
    const lines = (s: ServerProcess) => s.lines();
    return {
      port,
      url: `http://127.0.0.1:${port}`,
      servers,
      dir,
      nginxPid: child.pid!,
      accessLog: () => readFile(path.join(dir, 'access.log'), 'utf8'),
      errorLog: () => readFile(path.join(dir, 'error.log'), 'utf8'),
      async servedBy(requestId, ms = 5_000) {
        let found = -1;
        await until(async () => {
          found = servers.findIndex((s) =>
            lines(s).some((l) => l.msg === 'request' && l.requestId === requestId),
          );
          return found >= 0;
        }, ms);
        return found;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
