/** db:report's reading of the server's /metrics (src/db/report-pool.ts): no server needed. */
import { describe, expect, it } from 'vitest';
import { bucketQuantile, metricsUrlFrom, parseMetrics } from '../../src/db/report-pool.js';

const SCRAPE = `# HELP db_pool_size Connections the pool holds open to PostgreSQL (idle and active)
# TYPE db_pool_size gauge
db_pool_size 5
db_pool_connections{state="idle"} 4
db_pool_connections{state="active"} 1
db_pool_acquire_seconds_bucket{le="0.0001"} 90
db_pool_acquire_seconds_bucket{le="0.001"} 98
db_pool_acquire_seconds_bucket{le="0.005"} 99
db_pool_acquire_seconds_bucket{le="0.025"} 100
db_pool_acquire_seconds_bucket{le="+Inf"} 100
db_pool_acquire_seconds_sum 0.05
db_pool_acquire_seconds_count 100
`;

describe('report-pool', () => {
  it('reads series with and without labels', () => {
    const series = parseMetrics(SCRAPE);
    expect(series.get('db_pool_size')).toBe(5);
    expect(series.get('db_pool_connections{state="idle"}')).toBe(4);
    expect(series.has('# HELP db_pool_size')).toBe(false);
  });

  it('gives the bucket bound holding a quantile, null with no observations', () => {
    const series = parseMetrics(SCRAPE);
    expect(bucketQuantile(series, 'db_pool_acquire_seconds', 0.5)).toBe(0.0001);
    expect(bucketQuantile(series, 'db_pool_acquire_seconds', 0.99)).toBe(0.005);
    expect(bucketQuantile(series, 'db_pool_acquire_seconds', 1)).toBe(0.025);
    expect(bucketQuantile(new Map(), 'db_pool_acquire_seconds', 0.99)).toBeNull();
  });

  it('takes the server address from --metrics-url, METRICS_URL, else this host on PORT', () => {
    expect(metricsUrlFrom(['--metrics-url', 'http://a:1/metrics'], {}, 4000)).toBe('http://a:1/metrics');
    expect(metricsUrlFrom(['--metrics-url=http://b:2/metrics?x=1'], {}, 4000)).toBe('http://b:2/metrics?x=1');
    expect(metricsUrlFrom([], { METRICS_URL: 'http://c:3/metrics' }, 4000)).toBe('http://c:3/metrics');
    expect(metricsUrlFrom([], {}, 4100)).toBe('http://127.0.0.1:4100/metrics');
  });
});
