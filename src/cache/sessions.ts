/**
 * Cache-aside for the viewer of a bearer token, per the guide's keys: `user:session:{token}`
 * (here the token's sha256: the token itself is never stored) and `user:permissions:{id}` (the
 * role). A miss, or Redis being down, reads PostgreSQL. Sign-out drops the session key; a role
 * change must drop the permissions key (dropPermissions).
 */
import type { Redis } from 'ioredis';
import { hashToken, resolveViewer, type Viewer } from '../auth/sessions.js';
import type { Db } from '../db/client.js';
import type { Role } from '../loaders/rows.js';

const SESSION_TTL_S = 60;

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
    if (cached) return cached;
    const viewer = await resolveViewer(db, token);
    if (viewer) await this.write(token, viewer);
    return viewer;
  }

  private async read(token: string): Promise<Viewer | null> {
    if (!this.redis) return null;
    try {
      const session = await this.redis.get(this.sessionKey(token));
      if (!session) return null;
      const { userId, organizationId, sessionId } = JSON.parse(session) as Omit<Viewer, 'role'>;
      const role = (await this.redis.get(this.permissionsKey(userId))) as Role | null;
      return role ? { userId, organizationId, sessionId, role } : null;
    } catch {
      return null;
    }
  }

  private async write(token: string, viewer: Viewer) {
    if (!this.redis) return;
    const { role, ...session } = viewer;
    try {
      await this.redis
        .multi()
        .set(this.sessionKey(token), JSON.stringify(session), 'EX', SESSION_TTL_S)
        .set(this.permissionsKey(viewer.userId), role, 'EX', SESSION_TTL_S)
        .exec();
    } catch {
      // a cache: nothing is lost
    }
  }

  /** At sign-out, before answering: the token must stop working at once. */
  async dropSession(token: string) {
    await this.redis?.del(this.sessionKey(token));
  }

  async dropPermissions(userId: string) {
    await this.redis?.del(this.permissionsKey(userId));
  }
}
