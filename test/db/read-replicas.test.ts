/**
 * Read replicas (DATABASE_REPLICA_URLS, src/db/replicas.ts) on a real streaming standby: a primary
 * and a `pg_basebackup -R` standby of its own on loopback ports (test/helpers/pg-standby.ts), two
 * API server processes on them sharing one Redis prefix. Which database served each request is
 * read from its access-log line (`database`), found by the X-Request-Id the test sent.
 * - with the standby's replay paused, a mutation through one instance followed by a read of the
 *   same object through the other returns the new value, from the primary, while a read of another
 *   organization is served by the standby (which still shows a row changed on the primary behind
 *   the API's back: it really is the paused standby answering);
 * - writes and reads interleaved across the instances with replay running: no read older than a
 *   write already answered, the response cache on, and both databases serving;
 * - the standby stopped: every read is answered, from the primary; started again: it serves again.
 */
import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { tracedGraphql } from '../helpers/graphql-http.js';
import {
  canRunPostgresClusters,
  type PrimaryWithStandby,
  startPrimaryWithStandby,
} from '../helpers/pg-standby.js';
import { type ServerProcess, startServerProcess } from '../helpers/server-process.js';
import { until } from '../helpers/wait.js';

const SIGN_IN = `mutation ($email: String!, $password: String!) {
  sessionCreate(input: { email: $email, password: $password }) { token userErrors { code } }
}`;
const FIRST_PROJECT =
  'query { projects(first: 1, orderBy: { field: CREATED_AT, direction: ASC }) { edges { node { id name } } } }';
const UPDATE = `mutation ($id: ID!, $name: String!) {
  projectUpdate(id: $id, input: { name: $name }) { project { id name } userErrors { code } }
}`;
const READ = 'query ($id: ID!) { node(id: $id) { ... on Project { name } } }';

interface Answer {
  requestId: string;
  // biome-ignore lint/suspicious/noExplicitAny: answers are read loosely
  json: any;
}

describe.skipIf(!canRunPostgresClusters)('read replicas on a streaming standby', () => {
  let pg: PrimaryWithStandby;
  const servers: ServerProcess[] = [];
  let primary: postgres.Sql;
  const tokens: Record<string, string> = {};
  const projects: Record<string, { id: string; name: string }> = {};

  const send = async (server: ServerProcess, query: string, variables: object, token?: string) => {
    const { requestId, status, json } = await tracedGraphql(server.url, query, variables, token);
    expect(status, JSON.stringify(json)).toBe(200);
    expect(json.errors, JSON.stringify(json.errors)).toBeUndefined();
    return { requestId, json } satisfies Answer;
  };

  /** A read of a project under an alias not used before: never a cache hit, so a database answers. */
  let aliases = 0;
  const freshRead = (server: ServerProcess, id: string, token?: string) => {
    const alias = `fresh${aliases++}`;
    return send(
      server,
      `query ($id: ID!) { ${alias}: node(id: $id) { ... on Project { name } } }`,
      { id },
      token,
    ).then((answer) => ({ ...answer, project: answer.json.data[alias] as { name: string } | null }));
  };

  /** Which database served the request: its access-log line's `database` field. */
  const servedBy = async (server: ServerProcess, requestId: string): Promise<string | null> => {
    const line = await server.waitForLine((l) => l.msg === 'request' && l.requestId === requestId, 10_000);
    return (line.database as string | undefined) ?? null;
  };

  const serving = (server: ServerProcess) =>
    server.waitForLine((l) => l.msg === 'replica: serving queries' && l.replica === 'replica-1', 60_000);

  beforeAll(async () => {
    pg = await startPrimaryWithStandby();
    primary = postgres(pg.primaryUrl, { max: 1, onnotice: () => {} });
    const env = {
      DATABASE_URL: pg.primaryUrl,
      DATABASE_REPLICA_URLS: pg.standbyUrl,
      REPLICA_POLL_MS: '50',
      DB_POOL_MIN: '1',
      REDIS_URL: inject('redisUrl'),
      REDIS_KEY_PREFIX: `${inject('runId')}:replicas-${process.pid}:`,
    };
    // The first migrates and seeds the demo set; the second starts on the migrated database.
    servers.push(await startServerProcess({ env: { ...env, SEED_DEMO: 'true' } }));
    await servers[0]!.waitForLine('listening at ', 120_000);
    servers.push(await startServerProcess({ env }));
    await servers[1]!.waitForLine('listening at ', 120_000);
    await pg.waitForReplay();
    await Promise.all(servers.map(serving));
    for (const org of ['acme', 'globex']) {
      const signIn = await send(servers[0]!, SIGN_IN, {
        email: `admin@${org}.test`,
        password: 'demo-password',
      });
      tokens[org] = signIn.json.data.sessionCreate.token;
      const list = await send(servers[0]!, FIRST_PROJECT, {}, tokens[org]);
      projects[org] = list.json.data.projects.edges[0].node;
    }
  }, 240_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop('SIGTERM')));
    await primary?.end({ timeout: 1 });
    await pg?.stop();
  });

  it('with replay paused: a write is read back from the primary on another instance; another organization reads from the standby', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const acme = projects.acme!;
    const globex = projects.globex!;
    // Both read from the standby while nothing was written: cached answers could hide who served,
    // so each read asks for something new (the cache key includes the variables: an alias suffices).
    const before = await freshRead(b, acme.id, tokens.acme);
    expect(await servedBy(b, before.requestId)).toBe('replica-1');

    await pg.pauseReplay();
    try {
      // A change on the primary behind the API's back (no fence): visible only where it is read.
      await primary`update projects set name = name || ' (primary only)' where id = (
        select id from projects where organization_id = (select id from organizations where name = 'Globex Inc')
        order by created_at desc limit 1)`;

      const renamed = `Acme renamed ${randomUUID().slice(0, 8)}`;
      const update = await send(a, UPDATE, { id: acme.id, name: renamed }, tokens.acme);
      expect(update.json.data.projectUpdate.project.name).toBe(renamed);
      expect(await servedBy(a, update.requestId)).toBe('primary');

      // Read your write, on the other instance, while the standby cannot have it.
      const read = await send(b, READ, { id: acme.id }, tokens.acme);
      expect(read.json.data.node.name).toBe(renamed);
      expect(await servedBy(b, read.requestId)).toBe('primary');
      const again = await send(a, READ, { id: acme.id }, tokens.acme);
      expect(again.json.data.node.name).toBe(renamed);

      // Globex wrote nothing through the API: its reads go to the paused standby, which has not
      // replayed the change made on the primary above.
      const other = await send(
        b,
        'query { projects(first: 100) { edges { node { name } } } }',
        {},
        tokens.globex,
      );
      expect(await servedBy(b, other.requestId)).toBe('replica-1');
      const names: string[] = other.json.data.projects.edges.map(
        (e: { node: { name: string } }) => e.node.name,
      );
      expect(names).toContain(globex.name);
      expect(names.some((n) => n.endsWith('(primary only)'))).toBe(false);
    } finally {
      await pg.resumeReplay();
    }
    // Replayed: Acme's reads go back to the standby once it is past Acme's write.
    await pg.waitForReplay();
    await until(async () => {
      const r = await freshRead(b, acme.id, tokens.acme);
      return (await servedBy(b, r.requestId)) === 'replica-1';
    }, 10_000);
  }, 120_000);

  it('writes and reads interleaved across instances: no read older than a write already answered', async () => {
    const acme = projects.acme!;
    const served = new Map<string, number>();
    let stale = 0;
    for (let i = 0; i < 24; i++) {
      const writer = servers[i % 2]!;
      const name = `Acme ${i} ${randomUUID().slice(0, 6)}`;
      const w = await send(writer, UPDATE, { id: acme.id, name }, tokens.acme);
      expect(w.json.data.projectUpdate.userErrors).toEqual([]);
      // Reads right after the write's answer, on both instances, a few times (cache hits included).
      for (let k = 0; k < 3; k++) {
        for (const reader of servers) {
          const r = await send(reader, READ, { id: acme.id }, tokens.acme);
          if (r.json.data.node.name !== name) stale++;
          const by = (await servedBy(reader, r.requestId)) ?? 'cache';
          served.set(by, (served.get(by) ?? 0) + 1);
        }
      }
    }
    expect(stale).toBe(0);
    // Both served (the standby catches up within the loop), so the check above meant something.
    expect(served.get('primary') ?? 0).toBeGreaterThan(0);
    expect(served.get('replica-1') ?? 0).toBeGreaterThan(0);
  }, 180_000);

  it('the standby stopped: reads are answered by the primary; started again, it serves again', async () => {
    const b = servers[1]!;
    const globex = projects.globex!;
    await pg.stopStandby();
    try {
      await b.waitForLine(
        (l) => l.msg.startsWith('replica: unreachable') && l.replica === 'replica-1',
        20_000,
      );
      // The instance stays ready (the primary answers everything); /readyz and /metrics say why.
      const ready = await fetch(`${b.url}/readyz`);
      expect(ready.status).toBe(200);
      expect((await ready.json()).replicas).toEqual([
        expect.objectContaining({ name: 'replica-1', up: false, serving: false }),
      ]);
      expect(await (await fetch(`${b.url}/metrics`)).text()).toMatch(
        /^db_replica_serving\{replica="replica-1"\} 0$/m,
      );
      for (let i = 0; i < 5; i++) {
        const r = await freshRead(b, globex.id, tokens.globex);
        expect(r.project?.name).toBe(globex.name);
        expect(await servedBy(b, r.requestId)).toBe('primary');
      }
    } finally {
      await pg.startStandby();
    }
    await until(async () => {
      const r = await freshRead(b, globex.id, tokens.globex);
      return (await servedBy(b, r.requestId)) === 'replica-1';
    }, 30_000);
    expect(await (await fetch(`${b.url}/metrics`)).text()).toMatch(
      /^db_replica_serving\{replica="replica-1"\} 1$/m,
    );
  }, 120_000);
});
