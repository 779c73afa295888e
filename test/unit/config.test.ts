import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('config', () => {
  it('has defaults for everything but the optional services', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 4000, DATA_DIR: './.data', DB_POOL_MAX: 20 });
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.REDIS_URL).toBeUndefined();
    expect(c.CORS_ORIGINS).toEqual([]);
  });

  it.each([
    ['PORT', 'not-a-port'],
    ['PORT', '70000'],
    ['DB_POOL_MAX', '0'],
    ['DB_ACQUIRE_TIMEOUT_MS', '0'],
    ['DB_STATEMENT_TIMEOUT_MS', '-5'],
    ['LOG_LEVEL', 'loud'],
    ['DATABASE_URL', 'mysql://localhost/x'],
    ['REDIS_URL', 'http://localhost'],
    ['CORS_ORIGINS', '*'],
    ['CORS_ORIGINS', 'https://app.example/path'],
    ['HTTP_CONNECTIONS_PER_ADDRESS', '-1'],
  ])('names %s when it is %s', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(
      new RegExp(`^invalid environment variable ${variable}:`),
    );
  });

  it('caps connections per address by default, except behind a proxy unless asked', () => {
    expect(loadConfig({}).HTTP_CONNECTIONS_PER_ADDRESS).toBe(100);
    // behind a proxy every connection comes from the proxy
    expect(loadConfig({ TRUST_PROXY: 'true' }).HTTP_CONNECTIONS_PER_ADDRESS).toBe(0);
    expect(
      loadConfig({ TRUST_PROXY: 'true', HTTP_CONNECTIONS_PER_ADDRESS: '500' }).HTTP_CONNECTIONS_PER_ADDRESS,
    ).toBe(500);
    expect(loadConfig({})).toMatchObject({ HTTP_SOCKET_TIMEOUT_MS: 120_000, HTTP_MAX_CONNECTIONS: 10_000 });
  });

  it('never echoes a URL, which may carry a password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:secret@host/db' })).toThrow(/^(?!.*secret)/);
    expect(() =>
      loadConfig({
        DATABASE_URL: 'postgres://h/db',
        DATABASE_REPLICA_URLS: 'mysql://user:secret@replica/db',
      }),
    ).toThrow(/^invalid environment variable DATABASE_REPLICA_URLS:(?!.*secret)/);
  });

  it('reads replicas as a list of postgres:// URLs of a PostgreSQL primary', () => {
    expect(loadConfig({}).DATABASE_REPLICA_URLS).toEqual([]);
    expect(
      loadConfig({
        DATABASE_URL: 'postgres://p/db',
        DATABASE_REPLICA_URLS: ' postgres://r1/db, postgresql://r2/db ,',
      }).DATABASE_REPLICA_URLS,
    ).toEqual(['postgres://r1/db', 'postgresql://r2/db']);
    // Standbys of PGlite do not exist: replicas without DATABASE_URL stop start-up.
    expect(() => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://r1/db' })).toThrow(
      /^invalid environment variable DATABASE_REPLICA_URLS: needs DATABASE_URL/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://p/db', REPLICA_MAX_LAG_MS: '5' })).toThrow(
      ConfigError,
    );
  });

  it('stops a command with one line and no stack trace', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/db/cli.ts', 'info'], {
      env: { ...process.env, DB_POOL_MAX: 'many' },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'config error: invalid environment variable DB_POOL_MAX: Invalid input: expected number, received NaN (got "many")',
    ]);
  });
});
