/**
 * Concurrent misses on one cache key in one process (an expiry herd) compute the answer once: the
 * others wait for the first and serve what the store accepted (src/cache/coalesce.ts). Real Redis
 * (and the in-memory store), statements counted by the test app's driver hook. A first computation
 * is held in flight by a lock on reconciliation_items taken by another connection: it has read the
 * reconciliations and waits for the items, so the tests know what it read and when.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { MissCoalescer } from '../../src/cache/coalesce.js';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { createTestApp, type GraphQLResponse, type TestApp } from '../helpers/app.js';
import {
  createItem,
  createOrganization,
  createProject,
  createReconciliation,
  createUser,
} from '../helpers/factories.js';
import { reconciliationRow } from '../helpers/truth.js';
import { until } from '../helpers/wait.js';

const QUERY = `query MissCoalescing { reconciliations(first: 5) { edges { node { reference items(first: 5) { edges { node { amount } } } } } } }`;
const UPDATE = `mutation MissCoalescingUpdate($id: ID!, $reference: String!) { reconciliationUpdate(id: $id, input: { reference: $reference }) { userErrors { code } } }`;
const N = 16;

type Answer = GraphQLResponse<{
  reconciliations: {
    edges: { node: { reference: string; items: { edges: { node: { amount: string } }[] } } }[];
  };
}>;

const references = (answer: Answer) =>
  answer.data?.reconciliations.edges.map((e) => e.node.reference).sort() ?? null;

describe.each(['redis', 'memory'] as const)('cache misses coalesced (%s store)', (store) => {
  let t: TestApp;
  let coalescer: MissCoalescer;
  let databaseUrl: string;
  let monitor: postgres.Sql;
  let reconciliationId: string;
  const emails = { a: '', member: '', b: '' };

  const ask = (token: string) => t.request(QUERY, {}, { token }) as Promise<Answer>;

  /** Holds ACCESS EXCLUSIVE on reconciliation_items from another connection until `release`. */
  async function lockItems() {
    const blocker = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    let held!: () => void;
    const isHeld = new Promise<void>((resolve) => {
      held = resolve;
    });
    const holding = blocker.begin(async (tx) => {
      await tx`lock table reconciliation_items in access exclusive mode`;
      held();
      await released;
    });
    await Promise.race([isHeld, holding]);
    return {
      async release() {
        release();
        await holding;
        await blocker.end();
      },
    };
  }

  /** The backends of the app waiting for a lock in its database. */
  const lockWaiters = async () =>
    (
      await monitor<{ pid: number }[]>`
        select a.pid from pg_stat_activity a
        where a.datname = current_database() and a.wait_event_type = 'Lock' and a.pid <> pg_backend_pid()`
    ).map((r) => r.pid);

  beforeAll(async () => {
    t = await createTestApp(`coalesce${store}`, {}, { cache: store });
    coalescer = t.coalescer;
    const db = t.database.db;
    const [row] = await t.database.sql!<{ name: string }[]>`select current_database() as name`;
    const url = new URL(inject('adminDatabaseUrl'));
    url.pathname = `/${row!.name}`;
    databaseUrl = url.toString();
    monitor = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    const a = await createOrganization(db, 'Coalesced A');
    emails.a = (await createUser(db, a.id, 'admin', `admin-${store}@coalesce-a.test`)).email;
    emails.member = (await createUser(db, a.id, 'member', `member-${store}@coalesce-a.test`)).email;
    const b = await createOrganization(db, 'Coalesced B');
    emails.b = (await createUser(db, b.id, 'admin', `admin-${store}@coalesce-b.test`)).email;
    const pa = await createProject(db, a.id);
    for (const reference of ['A-1', 'A-2', 'A-3']) {
      const r = await createReconciliation(db, pa, { reference, amount: '30.00' });
      await createItem(db, r, { amount: '10.00' });
      if (reference === 'A-1') reconciliationId = encodeGlobalId('Reconciliation', r.id);
    }
    const pb = await createProject(db, b.id);
    const rb = await createReconciliation(db, pb, { reference: 'B-1' });
    await createItem(db, rb, { amount: '5.00' });
    // Anything cached aside on a first request (configuration) is filled before counting.
    await ask(await t.signIn(emails.a));
  });
  afterAll(async () => {
    await monitor?.end();
    await t?.close();
  });

  it('sends the statements of one computation for N concurrent identical misses, all answered alike', async () => {
    const baselineToken = await t.signIn(emails.a);
    const herdToken = await t.signIn(emails.a);
    t.statements.length = 0;
    const baseline = await ask(baselineToken);
    const one = t.statements.length;
    expect(one).toBeGreaterThan(0);
    expect(references(baseline)).toEqual(['A-1', 'A-2', 'A-3']);

    t.statements.length = 0;
    const answers = await Promise.all(Array.from({ length: N }, () => ask(herdToken)));
    const sent = t.statements.length;
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual(baseline.data);
    }
    expect({ statements: sent, computations: sent / one }).toEqual({ statements: one, computations: 1 });
    expect(answers.filter((a) => a.extensions?.responseCache?.hit === false)).toHaveLength(1);
    expect({ inFlight: coalescer.inFlight, waiting: coalescer.waiting }).toEqual({ inFlight: 0, waiting: 0 });
  });

  it('coalesces misses that reach Yoga without the edge (GET) with those the edge passed on (POST)', async () => {
    const baselineToken = await t.signIn(emails.a);
    const token = await t.signIn(emails.a);
    t.statements.length = 0;
    const baseline = await ask(baselineToken);
    const one = t.statements.length;
    t.statements.length = 0;
    const answers = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        i % 2 ? ask(token) : (t.request(QUERY, {}, { token, method: 'GET' }) as Promise<Answer>),
      ),
    );
    const sent = t.statements.length;
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toEqual(baseline.data);
    }
    expect({ statements: sent, computations: sent / one }).toEqual({ statements: one, computations: 1 });
  });

  it('does not coalesce a document whose answers are never stored (TTL 0: the audit log)', async () => {
    const audit = `query MissCoalescingAudit { auditLogs(first: 5) { totalCount } }`;
    const token = await t.signIn(emails.a);
    // Once answered, its TTL is known (0): later misses on it neither wait nor lead.
    expect((await t.request(audit, {}, { token })).errors).toBeUndefined();
    const waited = coalescer.stats.waited;
    const answers = await Promise.all(Array.from({ length: 8 }, () => t.request(audit, {}, { token })));
    for (const answer of answers) {
      expect(answer.errors).toBeUndefined();
      expect(answer.extensions?.responseCache).toMatchObject({ hit: false, didCache: false });
    }
    expect(coalescer.stats.waited - waited).toBe(0);
    expect(coalescer.inFlight).toBe(0);
  });

  it('does not merge the misses of different viewers or organizations: each computes its own', async () => {
    const tokens = {
      a: await t.signIn(emails.a),
      member: await t.signIn(emails.member),
      b: await t.signIn(emails.b),
    };
    const runs = (Object.keys(tokens) as (keyof typeof tokens)[]).flatMap((who) =>
      Array.from({ length: 6 }, () => ask(tokens[who]).then((answer) => ({ who, answer }))),
    );
    const answers = await Promise.all(runs);
    for (const { who, answer } of answers) {
      expect(answer.errors).toBeUndefined();
      expect(references(answer)).toEqual(who === 'b' ? ['B-1'] : ['A-1', 'A-2', 'A-3']);
    }
    // One computation per viewer's key, the rest served after waiting (or as plain hits).
    for (const who of Object.keys(tokens)) {
      const mine = answers.filter((a) => a.who === who);
      expect(mine.filter((a) => a.answer.extensions?.responseCache?.hit === false)).toHaveLength(1);
    }
  });

  it('makes waiters compute afresh when a mutation invalidates the key while the first computes', async () => {
    const token = await t.signIn(emails.a);
    const writer = await t.signIn(emails.a);
    const before = (await reconciliationRow(t.database.db, reconciliationId))!.reference;
    const fresh = `${before}-${store}-fresh`;
    const maxWait = coalescer.maxWaitMs;
    // A loaded machine must not turn the wait into computing: the flight ends when the first answers.
    coalescer.maxWaitMs = 60_000;
    const lock = await lockItems();
    let first: Promise<Answer>;
    let waiters: Promise<Answer>[];
    try {
      first = ask(token);
      // It has read the reconciliations and waits for the items.
      await until(async () => (await lockWaiters()).length === 1, 20_000);
      waiters = Array.from({ length: 8 }, () => ask(token));
      await until(async () => coalescer.waiting === 8, 20_000);
      const write = await t.request(UPDATE, { id: reconciliationId, reference: fresh }, { token: writer });
      expect(write.errors).toBeUndefined();
      expect(
        (write.data as { reconciliationUpdate: { userErrors: unknown[] } }).reconciliationUpdate.userErrors,
      ).toEqual([]);
    } finally {
      await lock.release();
      coalescer.maxWaitMs = maxWait;
    }
    const truth = (await reconciliationRow(t.database.db, reconciliationId))!.reference;
    expect(truth).toBe(fresh);
    const stale = await first!;
    // The first read before the write (so its answer was refused by the store)...
    expect(references(stale)).toContain(before);
    // ...and no waiter was handed it: each computed after the write.
    for (const answer of await Promise.all(waiters!)) {
      expect(answer.errors).toBeUndefined();
      expect(references(answer)).toContain(truth);
      expect(references(answer)).not.toContain(before);
    }
    // What is cached now is the truth too.
    expect(references(await ask(token))).toContain(truth);
  });

  it('does not fail the waiters when the first computation fails', async () => {
    const token = await t.signIn(emails.a);
    const maxWait = coalescer.maxWaitMs;
    coalescer.maxWaitMs = 60_000;
    const lock = await lockItems();
    let first: Promise<Answer>;
    let waiters: Promise<Answer>[];
    try {
      first = ask(token);
      await until(async () => (await lockWaiters()).length === 1, 20_000);
      waiters = Array.from({ length: 8 }, () => ask(token));
      await until(async () => coalescer.waiting === 8, 20_000);
      // The first request's statement is cancelled: it answers an error, and stores nothing.
      const [pid] = await lockWaiters();
      await monitor`select pg_cancel_backend(${pid!}::int)`;
      const failed = await first;
      expect(failed.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TIMEOUT']);
    } finally {
      await lock.release();
      coalescer.maxWaitMs = maxWait;
    }
    const truth = (await reconciliationRow(t.database.db, reconciliationId))!.reference;
    const all = await Promise.all(waiters!);
    for (const answer of all) {
      expect(answer.errors).toBeUndefined();
      expect(references(answer)).toContain(truth);
    }
    // Each computed (after the first had answered): nothing of the first's was stored.
    expect(all.filter((a) => a.extensions?.responseCache?.hit === false).length).toBeGreaterThan(0);
    expect({ inFlight: coalescer.inFlight, waiting: coalescer.waiting }).toEqual({ inFlight: 0, waiting: 0 });
  });

  describe('over HTTP', () => {
    let server: Server;
    let port: number;
    beforeAll(async () => {
      server = createServer(t.app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    /** A POST of QUERY that can be cut off; resolves with the status and body, or null if cut. */
    function post(token: string, method: 'POST' | 'GET' = 'POST') {
      const body = method === 'POST' ? JSON.stringify({ query: QUERY }) : '';
      let cut!: () => void;
      const answer = new Promise<{ status: number; body: Answer } | null>((resolve) => {
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port,
            path: method === 'POST' ? '/graphql' : `/graphql?${new URLSearchParams({ query: QUERY })}`,
            method,
            agent: false,
            headers: {
              accept: 'application/graphql-response+json, application/json',
              authorization: `Bearer ${token}`,
              ...(method === 'POST'
                ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
                : {}),
            },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              text += chunk;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer }));
          },
        );
        req.on('error', () => resolve(null));
        req.end(body);
        cut = () => req.destroy();
      });
      return { answer, cut };
    }

    it('answers the waiters when the first client disconnects, and a waiter whose client goes stops waiting', async () => {
      const token = await t.signIn(emails.a);
      const maxWait = coalescer.maxWaitMs;
      coalescer.maxWaitMs = 60_000;
      const lock = await lockItems();
      let waiters: ReturnType<typeof post>[];
      try {
        const first = post(token);
        await until(async () => (await lockWaiters()).length === 1, 20_000);
        // Waiters at the edge (POST) and in Yoga's lookup (GET, which the edge leaves to Yoga).
        waiters = Array.from({ length: 4 }, (_, i) => post(token, i % 2 ? 'GET' : 'POST'));
        const leaving = [post(token), post(token, 'GET')];
        await until(async () => coalescer.waiting === 6, 20_000);
        // Their clients go: they stop waiting at once, while the first still computes.
        for (const waiter of leaving) waiter.cut();
        for (const waiter of leaving) expect(await waiter.answer).toBeNull();
        await until(async () => coalescer.waiting === 4, 20_000);
        expect(coalescer.inFlight).toBe(1);
        // The first's client goes too.
        first.cut();
        expect(await first.answer).toBeNull();
      } finally {
        await lock.release();
        coalescer.maxWaitMs = maxWait;
      }
      const truth = (await reconciliationRow(t.database.db, reconciliationId))!.reference;
      for (const waiter of waiters!) {
        const answer = await waiter.answer;
        expect(answer?.status).toBe(200);
        expect(answer?.body.errors).toBeUndefined();
        expect(references(answer!.body)).toContain(truth);
      }
      await until(async () => coalescer.inFlight === 0 && coalescer.waiting === 0, 20_000);
    });
  });
});
