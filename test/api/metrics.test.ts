/** GET /metrics: Prometheus text with request timings, statements, cache lookups and the pool's statistics. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMetrics } from '../../src/db/report-pool.js';
import { Metrics } from '../../src/metrics.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createUser } from '../helpers/factories.js';

describe('/metrics', () => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp('metrics', {}, { cache: 'memory', metrics: new Metrics('recon-test') });
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'viewer', 'metrics@example.test');
    token = await t.signIn('metrics@example.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  const scrape = async () => {
    const res = await t.app.fetch('http://test/metrics');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  };
  /** One series' value in a scrape (NaN when absent), read as db:report reads it. */
  const value = (text: string, series: string) => parseMetrics(text).get(series) ?? Number.NaN;

  it('counts requests, statements and cache hits, and reads the pool statistics from the pool', async () => {
    const before = await scrape();
    for (let i = 0; i < 3; i++)
      await t.request(graphql(`query MetricsProjects { projects { totalCount } }`), {}, { token });
    const after = await scrape();
    expect(value(after, 'http_request_duration_seconds_count{path="/graphql",status="200"}')).toBe(
      (value(before, 'http_request_duration_seconds_count{path="/graphql",status="200"}') || 0) + 3,
    );
    expect(value(after, 'response_cache_lookups_total{result="hit",store="response"}')).toBe(2);
    expect(value(after, 'db_statements_total{kind="select"}')).toBeGreaterThan(
      value(before, 'db_statements_total{kind="select"}'),
    );
    // From the pool (src/db/pool.ts), not from pg_stat_activity.
    expect(after).not.toContain('db_connections{');
    const size = value(after, 'db_pool_size');
    expect(size).toBeGreaterThanOrEqual(1);
    expect(
      value(after, 'db_pool_connections{state="idle"}') + value(after, 'db_pool_connections{state="active"}'),
    ).toBe(Math.max(size, value(after, 'db_pool_connections{state="active"}')));
    expect(value(after, 'db_pool_waiting')).toBe(0);
    expect(value(after, 'db_pool_max')).toBe(5);
    expect(value(after, 'db_pool_min')).toBe(5);
    // Every statement of the three requests waited for a connection (0 s on an idle pool).
    expect(value(after, 'db_pool_acquire_seconds_count')).toBeGreaterThan(
      value(before, 'db_pool_acquire_seconds_count'),
    );
    expect(value(after, 'db_pool_acquire_timeouts_total')).toBe(0);
    // PostgreSQL flushes these statistics lazily: on a fresh database the ratio may still be 0.
    const ratio = value(after, 'db_buffer_cache_hit_ratio');
    expect(ratio).toBeGreaterThanOrEqual(0);
    expect(ratio).toBeLessThanOrEqual(1);
    expect(after).toContain('process_resident_memory_bytes');
  });

  it('reads PostgreSQL at most once per interval, however many scrapes', async () => {
    await scrape(); // the cache may be cold or stale
    t.statements.length = 0;
    await Promise.all(Array.from({ length: 20 }, () => scrape()));
    for (let i = 0; i < 20; i++) await scrape();
    // one query per interval (5 s): a slow machine may cross one interval boundary; the pool's
    // statistics cost none
    const catalogReads = t.statements.filter((s) => /pg_stat_activity|pg_statio_user_tables/.test(s));
    expect(catalogReads.length).toBeLessThanOrEqual(2);
    expect(t.statements.filter((s) => /pg_stat_activity/.test(s))).toEqual([]);
  });
});

describe('/metrics protected', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(
      'metricsauth',
      { RATE_LIMIT_PER_MINUTE: '5', TRUST_PROXY: 'true', METRICS_TOKEN: 'scrape-secret-0123456789' },
      { metrics: new Metrics('recon-test-auth') },
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  const scrape = (address: string, authorization?: string) =>
    t.app.fetch('http://test/metrics', {
      headers: { 'x-forwarded-for': address, ...(authorization ? { authorization } : {}) },
    });

  it('needs Authorization: Bearer <METRICS_TOKEN> when one is set', async () => {
    expect((await scrape('192.0.2.70')).status).toBe(401);
    expect((await scrape('192.0.2.71', 'Bearer wrong-token-0123456789')).status).toBe(401);
    const ok = await scrape('192.0.2.72', 'Bearer scrape-secret-0123456789');
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('http_request_duration_seconds');
  });

  it('goes through the per-address request limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await scrape('192.0.2.80', 'Bearer scrape-secret-0123456789')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // other addresses are unaffected
    expect((await scrape('192.0.2.81', 'Bearer scrape-secret-0123456789')).status).toBe(200);
  });
});
