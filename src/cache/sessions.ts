/**
 * Cache-aside for the viewer of a bearer token, under the guide's key `user:session:{token}` (the
 * token's sha256: the token itself is never stored), tagged with it and `user:permissions:{id}`.
 * It goes through the same tagged store as responses, so the same guarantees hold: sign-out
 * invalidates the token's tag before answering, and a lookup that raced the sign-out is never
 * stored (the sequence check); an invalidation lost in a Redis outage makes every older entry
 * stale on recovery. A role change must call dropPermissions (otherwise it applies within 60 s).
 */
import { hashToken, resolveViewer } from '../auth/sessions.js';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/client.js';
import type { FailOpenCache } from './fail-open.js';

const SESSION_TTL_MS = 60_000;

const sessionTag = (token: string) => `user:session:${hashToken(token)}`;
const permissionsTag = (userId: string) => `user:permissions:${userId}`;

/**
 * The tags of a session's own cache entries (its responses too: they are keyed by the token, so
 * a sign-out or a role change must drop them with the session).
 */
export const sessionTags = (token: string, userId: string) => [sessionTag(token), permissionsTag(userId)];

export class SessionCache {
  constructor(private readonly cache: FailOpenCache | null) {}

  async viewer(db: Db, token: string): Promise<Viewer | null> {
    if (!this.cache) return (await resolveViewer(db, token))?.viewer ?? null;
    const key = sessionTag(token);
    const hit = (await this.cache.get(key))?.data as { viewer: Viewer; expiresAt: string } | undefined;
    if (hit && Date.parse(hit.expiresAt) > Date.now()) return hit.viewer;
    // Noted before reading PostgreSQL, as for responses.
    const sequence = await this.cache.sequence();
    const found = await resolveViewer(db, token);
    if (found && sequence !== null) {
      const ttl = Math.min(SESSION_TTL_MS, Date.parse(found.expiresAt) - Date.now());
      if (ttl > 0) {
        await this.cache.set(key, { data: found }, ttl, [key, permissionsTag(found.viewer.userId)], sequence);
      }
    }
    return found?.viewer ?? null;
  }

  /** The sequence to note before a sign-in reads the user (for `remember`); null: do not cache. */
  async sequence(): Promise<number | null> {
    return this.cache ? this.cache.sequence() : null;
  }

  /**
   * At sign-in: the new session is cached at once, so its first request costs no statement either.
   * `expiresAt` may only be earlier than the stored expiry, never later; `sequence` was noted before
   * the user's role was read, so a role change meanwhile keeps it out.
   */
  async remember(token: string, viewer: Viewer, expiresAt: string, sequence: number | null) {
    if (!this.cache) return;
    const ttl = Math.min(SESSION_TTL_MS, Date.parse(expiresAt) - Date.now());
    if (sequence === null || ttl <= 0) return;
    const key = sessionTag(token);
    await this.cache.set(
      key,
      { data: { viewer, expiresAt } },
      ttl,
      [key, permissionsTag(viewer.userId)],
      sequence,
    );
  }

  /** At sign-out, before answering: the token must stop working at once. */
  async dropSession(token: string) {
    await this.cache?.invalidate([sessionTag(token)]);
  }

  /** After a role change: every session of the user reads its role afresh. */
  async dropPermissions(userId: string) {
    await this.cache?.invalidate([permissionsTag(userId)]);
  }
}
