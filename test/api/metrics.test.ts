/** GET /metrics: Prometheus text with request timings, statements, cache lookups and pool state. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Metrics } from '../../src/metrics.js';
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
  const value = (text: string, series: string) =>
    Number(
      text
        .split('\n')
        .find((line) => line.startsWith(`${series} `))
        ?.split(' ')[1] ?? Number.NaN,
    );

  it('counts requests, statements and cache hits, and reads pool state from PostgreSQL', async () => {
    const before = await scrape();
    for (let i = 0; i < 3; i++) await t.request('{ projects { totalCount } }', {}, { token });
    const after = await scrape();
    expect(value(after, 'http_request_duration_seconds_count{path="/graphql",status="200"}')).toBe(
      (value(before, 'http_request_duration_seconds_count{path="/graphql",status="200"}') || 0) + 3,
    );
    expect(value(after, 'response_cache_lookups_total{result="hit",store="response"}')).toBe(2);
    expect(value(after, 'db_statements_total{kind="select"}')).toBeGreaterThan(
      value(before, 'db_statements_total{kind="select"}'),
    );
    expect(value(after, 'db_connections{state="active"}')).toBeGreaterThanOrEqual(1);
    // PostgreSQL flushes these statistics lazily: on a fresh database the ratio may still be 0.
    const ratio = value(after, 'db_buffer_cache_hit_ratio');
    expect(ratio).toBeGreaterThanOrEqual(0);
    expect(ratio).toBeLessThanOrEqual(1);
    expect(after).toContain('process_resident_memory_bytes');
  });
});
