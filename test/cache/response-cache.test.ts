/** The response cache in Redis: hits, ETags, scoping per user, TTLs per type, no keys left behind. */
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sessions } from '../../src/db/schema.js';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { graphql } from '../gql/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  createItem,
  createOrganization,
  createProject,
  createReconciliation,
  createUser,
} from '../helpers/factories.js';
import { readsFrom } from '../helpers/statements.js';

const RECONCILIATIONS = graphql(
  `query ResponseCacheReconciliations { reconciliations(first: 5) { totalCount edges { node { reference amount } } } }`,
);
const PROJECTS = graphql(`query ResponseCacheProjects { projects { edges { node { name } } } }`);
const SETTINGS = graphql(`query ResponseCacheSettings { settings }`);
const AUDIT = graphql(`query ResponseCacheAuditLogs { auditLogs { totalCount } }`);
const VIEWER = graphql(`query ResponseCacheViewer { viewer { email role } }`);

async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== '0');
  return keys.sort();
}

describe('response cache', () => {
  const decodeProject = () => Buffer.from(projectId, 'base64url').toString().split(':')[1]!;
  let t: TestApp;
  let redis: Redis;
  const prefix = `${inject('runId')}:rc-basic:`;
  const tok = { admin: '', member: '', viewer: '', other: '' };
  let projectId: string;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestApp('rcbasic', {}, { cache: 'redis', redisPrefix: prefix });
    redis = new Redis(inject('redisUrl'));
    const db = t.database.db;
    const org = await createOrganization(db, 'Cached');
    orgId = org.id;
    await createUser(db, org.id, 'admin', 'admin@cached.test');
    await createUser(db, org.id, 'member', 'member@cached.test');
    await createUser(db, org.id, 'viewer', 'viewer@cached.test');
    const other = await createOrganization(db, 'Elsewhere');
    await createUser(db, other.id, 'admin', 'admin@elsewhere.test');
    const project = await createProject(db, org.id, { name: 'Cached project' });
    projectId = encodeGlobalId('Project', project.id);
    const r = await createReconciliation(db, project, { reference: 'C-1', amount: '10.00' });
    await createItem(db, r, { amount: '10.00' });
    const theirs = await createProject(db, other.id, { name: 'Their project' });
    await createReconciliation(db, theirs, { reference: 'THEIRS-1' });
    tok.admin = await t.signIn('admin@cached.test');
    tok.member = await t.signIn('member@cached.test');
    tok.viewer = await t.signIn('viewer@cached.test');
    tok.other = await t.signIn('admin@elsewhere.test');
  });
  afterAll(async () => {
    redis?.disconnect();
    await t?.close();
  });

  it('misses, then hits, and answers If-None-Match with 304', async () => {
    const first = await t.request(RECONCILIATIONS, {}, { token: tok.member });
    expect(first.extensions?.responseCache).toMatchObject({ hit: false, didCache: true });
    const second = await t.request(RECONCILIATIONS, {}, { token: tok.member });
    expect(second.extensions?.responseCache).toMatchObject({ hit: true });
    expect(second.data).toEqual(first.data);
    expect(second.headers.get('cache-control')).toBe('private, no-cache, max-age=0');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const res = await t.app.fetch('http://test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tok.member}`,
        'if-none-match': etag!,
      },
      body: JSON.stringify({ query: print(RECONCILIATIONS) }),
    });
    expect(res.status).toBe(304);
  });

  it('keeps each user’s and organization’s answers apart', async () => {
    const answers = new Map<string, unknown>();
    for (const [who, token] of Object.entries(tok)) {
      for (let i = 0; i < 2; i++) {
        const res = await t.request(VIEWER, {}, { token });
        expect(res.extensions?.responseCache?.hit).toBe(i === 1);
        answers.set(who, res.data);
      }
    }
    expect(answers.get('admin')).toEqual({ viewer: { email: 'admin@cached.test', role: 'ADMIN' } });
    expect(answers.get('viewer')).toEqual({ viewer: { email: 'viewer@cached.test', role: 'VIEWER' } });
    expect(answers.get('other')).toEqual({ viewer: { email: 'admin@elsewhere.test', role: 'ADMIN' } });
    const mine = await t.request(RECONCILIATIONS, {}, { token: tok.admin });
    const theirs = await t.request(RECONCILIATIONS, {}, { token: tok.other });
    expect(JSON.stringify(mine.data)).toContain('C-1');
    expect(JSON.stringify(theirs.data)).toContain('THEIRS-1');
    expect(JSON.stringify(theirs.data)).not.toContain('C-1');
  });

  it('serves a bearer token from the session cache from sign-in on, until sign-out', async () => {
    const token = await t.signIn('viewer@cached.test');
    // Cached by sessionCreate itself: not even the first request reads the session row.
    const first = await t.counted(graphql(`query ResponseCacheViewerEmail { viewer { email } }`), {}, token);
    expect(first.sql.filter((q) => readsFrom(q, sessions))).toEqual([]);
    // Dropped from the cache (as by its TTL): read from PostgreSQL once, then cached again.
    await t.caches.sessions.dropSession(token);
    const reread = await t.counted(graphql(`query ResponseCacheViewerId { viewer { id } }`), {}, token);
    expect(reread.sql.filter((q) => readsFrom(q, sessions))).toHaveLength(1);
    const second = await t.counted(graphql(`query ResponseCacheViewerName { viewer { name } }`), {}, token);
    expect(second.extensions?.responseCache?.hit).toBe(false);
    expect(second.sql.filter((q) => readsFrom(q, sessions))).toEqual([]);
    await t.request(
      graphql(`mutation ResponseCacheSessionDelete { sessionDelete { userErrors { code } } }`),
      {},
      { token },
    );
    const after = await t.request(
      graphql(`query ResponseCacheViewerRole { viewer { role } }`),
      {},
      { token },
    );
    expect(after.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it("drops a session's responses with it: a role change (dropPermissions) and a sign-out", async () => {
    const token = await t.signIn('admin@cached.test');
    const read = () => t.request(PROJECTS, {}, { token });
    expect((await read()).extensions?.responseCache).toMatchObject({ hit: false, didCache: true });
    expect((await read()).extensions?.responseCache?.hit).toBe(true);
    // Responses are keyed by the session's token, not its role: the role change must drop them.
    const [admin] = (await t.database.db.execute(
      `select id::text as id from users where email = 'admin@cached.test'`,
    )) as unknown as { id: string }[];
    await t.caches.sessions.dropPermissions(admin!.id);
    expect((await read()).extensions?.responseCache).toMatchObject({ hit: false, didCache: true });
    const before = (await keysUnder(redis, `${prefix}rc:entry:`)).length;
    await t.request(
      graphql(`mutation ResponseCacheSessionDelete { sessionDelete { userErrors { code } } }`),
      {},
      { token },
    );
    // The session's entries went with it (its response and its session entry), not only its access.
    expect((await keysUnder(redis, `${prefix}rc:entry:`)).length).toBeLessThanOrEqual(before - 2);
  });

  it('never caches anonymous, error or audit-log responses', async () => {
    const anonymous = await t.request(graphql(`query ResponseCacheTypename { __typename }`), {});
    expect(anonymous.extensions?.responseCache?.didCache ?? false).toBe(false);
    const error = await t.request(AUDIT, {}, { token: tok.viewer });
    expect(error.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(error.extensions?.responseCache?.didCache ?? false).toBe(false);
    const audit = await t.request(AUDIT, {}, { token: tok.admin });
    expect(audit.extensions?.responseCache?.didCache).toBe(false);
  });

  it('gives each type its TTL, measured with PTTL', async () => {
    const ttlOf = async (query: TypedDocumentNode<unknown, Record<string, never>>, token: string) => {
      const before = new Set(await keysUnder(redis, `${prefix}rc:entry:`));
      const res = await t.request(query, {}, { token });
      expect(res.extensions?.responseCache?.didCache, print(query)).toBe(true);
      const added = (await keysUnder(redis, `${prefix}rc:entry:`)).filter(
        (k) => !before.has(k) && !k.includes(':config:'),
      );
      expect(added).toHaveLength(1);
      return redis.pttl(added[0]!);
    };
    const recon = await ttlOf(
      graphql(`query ResponseCacheTtl { reconciliations(first: 1) { totalCount } statusCounts { count } }`),
      tok.viewer,
    );
    const projects = await ttlOf(PROJECTS, tok.viewer);
    const settings = await ttlOf(SETTINGS, tok.admin);
    expect(recon).toBeGreaterThan(25_000);
    expect(recon).toBeLessThanOrEqual(30_000);
    expect(projects).toBeGreaterThan(295_000);
    expect(projects).toBeLessThanOrEqual(300_000);
    expect(settings).toBeGreaterThan(3_595_000);
    expect(settings).toBeLessThanOrEqual(3_600_000);
  });

  it('keeps settings and rules cache-aside, dropped by the writes that change them', async () => {
    await t.request(SETTINGS, {}, { token: tok.admin });
    const other = await t.counted(
      graphql(`query ResponseCacheSettingsAndViewer { settings viewer { email } }`),
      {},
      tok.admin,
    );
    expect(other.extensions?.responseCache?.hit).toBe(false);
    expect(other.sql.filter((q) => /from "?settings\b/.test(q))).toEqual([]);
    expect(await redis.exists(`${prefix}rc:entry:config:settings:${orgId}`)).toBe(1);
    await t.request(
      graphql(
        `mutation ResponseCacheSettingsUpdate { settingsUpdate(settings: { v: 2 }) { userErrors { code } } }`,
      ),
      {},
      { token: tok.admin },
    );
    expect(await redis.exists(`${prefix}rc:entry:config:settings:${orgId}`)).toBe(0);
    const after = await t.counted(
      graphql(`query ResponseCacheSettingsAndProjects { settings projects { totalCount } }`),
      {},
      tok.admin,
    );
    expect((after.data as { settings: unknown }).settings).toEqual({ v: 2 });
    expect(after.sql.filter((q) => /from "?settings\b/.test(q))).toHaveLength(1);

    const RULES = 'query($id: ID!) { node(id: $id) { ... on Project { rules { name tolerance } } } }';
    await t.request(RULES, { id: projectId }, { token: tok.member });
    const again = await t.counted(
      `${RULES.replace('rules {', 'name rules {')}`,
      { id: projectId },
      tok.member,
    );
    expect(again.sql.filter((q) => /from "?matching_rules\b/.test(q))).toEqual([]);
    await t.request(
      graphql(
        `mutation ResponseCacheMatchingRuleCreate($id: ID!) { matchingRuleCreate(input: { projectId: $id, name: "New rule" }) { userErrors { code } } }`,
      ),
      { id: projectId },
      { token: tok.member },
    );
    const fresh = await t.request(
      `${RULES.replace('rules {', 'archived rules {')}`,
      { id: projectId },
      { token: tok.member },
    );
    expect(JSON.stringify(fresh.data)).toContain('New rule');
  });

  it('leaves no entry or index key behind after invalidation', async () => {
    await t.request(PROJECTS, {}, { token: tok.member });
    await t.request(RECONCILIATIONS, {}, { token: tok.member });
    const res = await t.request(
      graphql(
        `mutation ResponseCacheProjectUpdate($id: ID!) { projectUpdate(id: $id, input: { name: "Renamed" }) { userErrors { code } } }`,
      ),
      { id: projectId },
      { token: tok.member },
    );
    expect(res.errors).toBeUndefined();
    const match = await t.request(
      graphql(
        `mutation ResponseCacheReconciliationsMatch($id: ID!) { reconciliationsMatch(projectId: $id) { userErrors { code } } }`,
      ),
      { id: projectId },
      { token: tok.member },
    );
    expect(match.errors).toBeUndefined();
    // What remains of project and reconciliation reads: nothing but tombstones, which expire.
    const left = await keysUnder(redis, prefix);
    const ours = left.filter(
      (k) => /(project|recon):list:/.test(k) && (k.includes(orgId) || k.includes(decodeProject())),
    );
    expect(ours.length).toBeGreaterThan(0);
    for (const key of ours) {
      expect(key).toMatch(/rc:inv:/);
      expect(await redis.pttl(key)).toBeGreaterThan(0);
    }
    const fresh = await t.request(PROJECTS, {}, { token: tok.member });
    expect(fresh.extensions?.responseCache?.hit).toBe(false);
    expect(JSON.stringify(fresh.data)).toContain('Renamed');
  });
});

describe('response cache expiry', () => {
  it('leaves no entry or index key behind after the TTL', async () => {
    const prefix = `${inject('runId')}:rc-expiry:`;
    const t = await createTestApp(
      'rcexpiry',
      { CACHE_TTLS: '{"Project":1,"ProjectConnection":1}' },
      { cache: 'redis', redisPrefix: prefix },
    );
    const redis = new Redis(inject('redisUrl'));
    try {
      const org = await createOrganization(t.database.db);
      await createUser(t.database.db, org.id, 'viewer', 'expiry@example.test');
      await createProject(t.database.db, org.id);
      const token = await t.signIn('expiry@example.test');
      const res = await t.request(PROJECTS, {}, { token });
      expect(res.extensions?.responseCache).toMatchObject({ didCache: true, ttl: 1000 });
      expect((await keysUnder(redis, prefix)).some((k) => k.includes(':rc:tag:'))).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1300));
      // Only the bookkeeping (the sequence, the stale-before mark, the server checked) and the
      // session cache-aside keys remain: a fixed set, whatever was cached. Besides them, the
      // sign-in's invalidation record (its audit row is a write), which expires too.
      const all = (await keysUnder(redis, prefix)).filter((k) => !k.includes(':user:'));
      const tombstones = all.filter((k) => k.startsWith(`${prefix}rc:inv:`));
      for (const key of tombstones) expect(await redis.pttl(key)).toBeGreaterThan(0);
      const left = all.filter((k) => !tombstones.includes(k));
      expect(
        left.every((k) => ['rc:seq', 'rc:all', 'rc:server'].some((b) => k === `${prefix}${b}`)),
        left.join(),
      ).toBe(true);
      expect(left.filter((k) => k.includes(':rc:entry:') || k.includes(':rc:tag:'))).toEqual([]);
    } finally {
      redis.disconnect();
      await t.close();
    }
  });
});
