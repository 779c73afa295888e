/**
 * `db_query_duration_seconds{kind, operation}` on /metrics (src/metrics.ts): each statement under
 * its request's GraphQL operation name, anonymous operations under `anonymous`, statements of no
 * request under `none`, and names past the first METRICS_MAX_OPERATIONS under `other`. And
 * /metrics without METRICS_TOKEN in production: refused (404), with a warning at start.
 *
 * Documents are plain strings here: the tests are about operation names, not result types.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Metrics } from '../../src/metrics.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createUser } from '../helpers/factories.js';

const MAX_OPERATIONS = 4;

/** The `_count` of every series of the histogram, by `kind/operation`. */
function queryCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('db_query_duration_seconds_count{')) continue;
    const kind = /kind="([^"]*)"/.exec(line)?.[1];
    const operation = /operation="([^"]*)"/.exec(line)?.[1];
    counts.set(`${kind}/${operation}`, Number(line.split(' ').at(-1)));
  }
  return counts;
}

describe('db_query_duration_seconds', () => {
  let t: TestApp;
  let token = '';

  beforeAll(async () => {
    t = await createTestApp(
      'querymetrics',
      {},
      { metrics: new Metrics('recon-test-query', { maxOperations: MAX_OPERATIONS }) },
    );
    const org = await createOrganization(t.database.db);
    await createProject(t.database.db, org.id);
    await createUser(t.database.db, org.id, 'member', 'qm@example.test');
    token = await t.signIn('qm@example.test'); // operation TestAppSignIn: the first name
  });
  afterAll(async () => {
    await t?.close();
  });

  const scrape = async () => {
    const res = await t.app.fetch('http://test/metrics');
    expect(res.status).toBe(200);
    return queryCounts(await res.text());
  };
  const post = (body: object) =>
    t.app.fetch('http://test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify(body),
    });

  it('times statements by kind and operation; none outside requests, anonymous without a name', async () => {
    await scrape(); // starts the gauges' read of PostgreSQL
    const before = await scrape();
    // the factories' inserts and the gauges' shared read belong to no request
    expect(before.get('insert/none')).toBeGreaterThanOrEqual(3);
    expect(before.get('select/none')).toBeGreaterThanOrEqual(1);
    expect(before.has('select/anonymous')).toBe(false);
    // The sign-in came without a session: its name takes no label (anyone may send one), so its
    // statements count as other.
    expect(before.has('select/TestAppSignIn')).toBe(false);
    expect(before.get('select/other')).toBeGreaterThanOrEqual(1);

    const named = await t.request(`query QmProjects { projects { totalCount } }`, {}, { token });
    expect(named.status).toBe(200);
    const anonymous = await t.request(`{ projects { totalCount } }`, {}, { token });
    expect(anonymous.status).toBe(200);
    const created = await t.request(
      `mutation QmCreate { projectCreate(input: { name: "Q" }) { project { id } userErrors { code } } }`,
      {},
      { token },
    );
    expect(created.errors).toBeUndefined();
    // Two operations: the one operationName asks for is the label.
    const multi = await post({
      query: 'query QmUnused { projects { totalCount } } query QmChosen { projects { totalCount } }',
      operationName: 'QmChosen',
    });
    expect(multi.status).toBe(200);

    const after = await scrape();
    const grew = (series: string) => (after.get(series) ?? 0) - (before.get(series) ?? 0);
    expect(grew('select/QmProjects')).toBeGreaterThanOrEqual(1);
    expect(grew('select/anonymous')).toBeGreaterThanOrEqual(1);
    expect(grew('insert/QmCreate')).toBeGreaterThanOrEqual(2); // the project and its audit row
    expect(grew('select/QmChosen')).toBeGreaterThanOrEqual(1);
    expect(after.has('select/QmUnused')).toBe(false);
    // every kind is one of the classified ones (begin and commit are the driver's, not timed)
    expect([...after.keys()].every((k) => /^(select|insert|update|delete|with|other)\//.test(k))).toBe(true);
  });

  it('gives the first METRICS_MAX_OPERATIONS names their own label and folds the rest into other', async () => {
    for (let i = 0; i < 6; i++) {
      const res = await t.request(`query QmMany${i} { projects { totalCount } }`, {}, { token });
      expect(res.status).toBe(200);
    }
    const counts = await scrape();
    const operations = new Set([...counts.keys()].map((k) => k.split('/')[1]!));
    const named = [...operations].filter((o) => !['none', 'anonymous', 'other'].includes(o));
    // QmProjects, QmCreate, QmChosen, then QmMany0 filled the slots (the sign-in took none)
    expect(named.sort()).toEqual(['QmChosen', 'QmCreate', 'QmMany0', 'QmProjects']);
    expect(named).toHaveLength(MAX_OPERATIONS);
    expect(counts.get('select/other')).toBeGreaterThanOrEqual(5);
    // a name with a slot keeps it
    await t.request(`query QmProjects { projects { totalCount } }`, {}, { token });
    const again = await scrape();
    expect(again.get('select/QmProjects')).toBeGreaterThan(counts.get('select/QmProjects')!);
  });
});

describe('/metrics in production', () => {
  const lines: string[] = [];
  let open: TestApp;
  let tokened: TestApp;

  beforeAll(async () => {
    open = await createTestApp(
      'metricsprod',
      { NODE_ENV: 'production' },
      { metrics: new Metrics('recon-test-prod'), rawLogLines: lines },
    );
    tokened = await createTestApp(
      'metricsprodtoken',
      { NODE_ENV: 'production', METRICS_TOKEN: 'prod-scrape-secret-0123456789' },
      { metrics: new Metrics('recon-test-prod-token') },
    );
  });
  afterAll(async () => {
    await open?.close();
    await tokened?.close();
  });

  it('without METRICS_TOKEN answers 404 and warns at start', async () => {
    const res = await open.app.fetch('http://test/metrics');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('http_request_duration_seconds');
    const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(warnings).toContainEqual(
      expect.objectContaining({ level: 40, msg: expect.stringMatching(/METRICS_TOKEN/) }),
    );
  });

  it('with METRICS_TOKEN needs it', async () => {
    expect((await tokened.app.fetch('http://test/metrics')).status).toBe(401);
    const ok = await tokened.app.fetch('http://test/metrics', {
      headers: { authorization: 'Bearer prod-scrape-secret-0123456789' },
    });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('db_query_duration_seconds');
  });
});
