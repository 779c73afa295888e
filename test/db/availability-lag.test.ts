/**
 * A lagging event loop of this process (every turn of it blocked past the reachability probe's
 * 1 s timeout, as a process saturated by CPU work is) is not an unreachable PostgreSQL: requests
 * are answered, none refused with SERVICE_UNAVAILABLE. Before, the probe's timer fired before the
 * loop read its answer, the one retry met the same, and PostgreSQL was marked down.
 * (A dead or frozen server is still marked down: test/api/fail-fast.test.ts, test/unit/availability.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../helpers/app.js';
import { createOrganization, createProject, createUser } from '../helpers/factories.js';

/** The probe's timeout (src/db/availability.ts). */
const PROBE_TIMEOUT_MS = 1000;
const READ = `query AvailabilityLagProject($id: ID!) { node(id: $id) { ... on Project { name } } }`;

describe('PostgreSQL reachability with this process lagging', () => {
  let t: TestApp;
  let token: string;
  let id: string;
  const logs: string[] = [];

  beforeAll(async () => {
    t = await createTestApp('availlag', {}, { logLines: logs });
    const org = await createOrganization(t.database.db);
    await createUser(t.database.db, org.id, 'member', 'availlag@example.test');
    id = encodeGlobalId('Project', (await createProject(t.database.db, org.id, { name: 'A' })).id);
    token = await t.signIn('availlag@example.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stays up and answers requests while every turn of the loop is blocked past the probe timeout', async () => {
    const read = () =>
      t.request(READ, { id }, { token }) as Promise<GraphQLResponse<{ node: { name: string } }>>;
    expect((await read()).data).toEqual({ node: { name: 'A' } });

    // Every probe the app sends (instrumentation of the real probe: app.ts calls database.ping).
    let probes = 0;
    const ping = t.database.ping.bind(t.database);
    t.database.ping = () => {
      probes++;
      return ping();
    };
    // Sustained lag: each turn of the loop (its check phase) blocks 1.3 x the probe timeout, for 6 s;
    // timers and sockets are served between blocks, one turn at a time.
    let turns = 0;
    const started = performance.now();
    const blocked = new Promise<void>((resolve) => {
      const block = () => {
        if (performance.now() - started >= 6000) return resolve();
        const until = performance.now() + PROBE_TIMEOUT_MS * 1.3;
        while (performance.now() < until) {
          // busy
        }
        turns++;
        setImmediate(block);
      };
      setImmediate(block);
    });
    // Requests in flight all along (each needs several turns of the loop: it gets one per block).
    const answers: GraphQLResponse<{ node: { name: string } }>[] = [];
    const reading = Promise.all(
      [0, 1].map(async () => {
        while (performance.now() - started < 6000) answers.push(await read());
      }),
    );
    try {
      await blocked;
      await reading;
    } finally {
      t.database.ping = ping;
    }
    const readyz = (await (await t.app.fetch('http://test/readyz')).json()) as { postgres: string };
    const statuses = new Map<number, number>();
    for (const answer of answers) statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
    const summary = `${turns} blocked turns, ${probes} probes, ${answers.length} answers (by status: ${[
      ...statuses,
    ]
      .map(([status, n]) => `${status} x ${n}`)
      .join(', ')}), logs: ${logs.join(' | ')}`;
    console.log(summary);
    expect(turns, summary).toBeGreaterThanOrEqual(3);
    expect(probes, summary).toBeGreaterThanOrEqual(1);
    expect(answers.length, summary).toBeGreaterThanOrEqual(2);
    for (const answer of answers) {
      expect(answer.status, summary).toBe(200);
      expect(answer.errors, summary).toBeUndefined();
      expect(answer.data).toEqual({ node: { name: 'A' } });
    }
    expect(
      logs.filter((l) => l.includes('postgres: unreachable')),
      summary,
    ).toEqual([]);
    expect(readyz.postgres).toBe('up');
  });
});
