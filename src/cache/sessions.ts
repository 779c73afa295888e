/**
 * Cache-aside for the viewer of a bearer token, per the guide's keys: `user:session:{token}`
 * (here the token's sha256: the token itself is never stored) and `user:permissions:{id}` (the
 * role). A miss, or Redis being down, reads PostgreSQL. Sign-out replaces the session entry with a
 * `revoked` marker, and entries are only ever written where none exists (SET NX), so a lookup
 * that read the session just before sign-out cannot put it back. A role change must drop the
 * permissions key (dropPermissions); otherwise it applies within 60 s.
 */
import type { Redis } from 'ioredis';
import { hashToken, resolveViewer, type Viewer } from '../auth/sessions.js';
import type { Db } from '../db/client.js';
import type { Role } from '../loaders/rows.js';

const SESSION_TTL_S = 60;
const REVOKED = 'revoked';

export class SessionCache {
  constructor(
    private readonly redis: Redis | null,
    private readonly prefix: string,
  ) {}

  private sessionKey(token: string) {
    return `${this.prefix}user:session:${hashToken(token)}`;
  }
  private permissionsKey(userId: string) {
    return `${this.prefix}user:permissions:${userId}`;
  }

  async viewer(db: Db, token: string): Promise<Viewer | null> {
    const cached = await this.read(token);
    if (cached === REVOKED) return null;
    if (cached) return cached;
    const found = await resolveViewer(db, token);
    if (found) await this.write(token, found);
    return found?.viewer ?? null;
  }

  private async read(token: string): Promise<Viewer | typeof REVOKED | null> {
    if (!this.redis) return null;
    try {
      const session = await this.redis.get(this.sessionKey(token));
      if (!session) return null;
      if (session === REVOKED) return REVOKED;
      const { userId, organizationId, sessionId, expiresAt } = JSON.parse(session) as Omit<Viewer, 'role'> & {
        expiresAt: string;
      };
      if (Date.parse(expiresAt) <= Date.now()) return null;
      const role = (await this.redis.get(this.permissionsKey(userId))) as Role | null;
      return role ? { userId, organizationId, sessionId, role } : null;
    } catch {
      return null;
    }
  }

  private async write(token: string, { viewer, expiresAt }: { viewer: Viewer; expiresAt: string }) {
    if (!this.redis) return;
    const { role, ...session } = viewer;
    const ttl = Math.min(SESSION_TTL_S, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000));
    if (ttl < 1) return;
    try {
      await this.redis
        .multi()
        .set(this.sessionKey(token), JSON.stringify({ ...session, expiresAt }), 'EX', ttl, 'NX')
        .set(this.permissionsKey(viewer.userId), role, 'EX', ttl, 'NX')
        .exec();
    } catch {
      // a cache: nothing is lost
    }
  }

  /** At sign-out, before answering: the token must stop working at once. */
  async dropSession(token: string) {
    await this.redis?.set(this.sessionKey(token), REVOKED, 'EX', SESSION_TTL_S);
  }

  async dropPermissions(userId: string) {
    await this.redis?.del(this.permissionsKey(userId));
  }
}
