/**
 * Sessions: a random bearer token, stored only as its sha256, with an expiry. Resolving a token is
 * one statement (it reads the user's current role); src/cache/sessions.ts caches the result for
 * up to 60 s, so a role change applies within that unless its key is dropped.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { aliased, constant, from, name, tableName } from '../db/entity.js';
import type { Role } from '../db/rows.js';
import { sessions, users } from '../db/schema.js';
import { query } from '../db/sql.js';
import { writeAudit } from '../domain/audit.js';
import { names } from '../domain/rows.js';
import { hashPassword, knownPasswordChecks, passwordChecks, verifyPassword } from './password.js';
import type { Viewer } from './viewer.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

// Tables and columns named through src/db/schema.ts: a renamed column is a compile error here.
const s = aliased(sessions, 's');
const u = aliased(users, 'u');

// Everything but the token's hash, rendered once: this runs on every request the session cache misses.
const VIEWER_OF_TOKEN = constant(
  sql`select ${s.id}::text as "sessionId", ${u.id}::text as "userId", ${u.organizationId}::text as "organizationId",
             ${u.role}::text as role, to_char(${s.expiresAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "expiresAt"
      from ${from(sessions, 's')} join ${from(users, 'u')} on ${u.id} = ${s.userId} and ${u.organizationId} = ${s.organizationId}
      where ${s.tokenHash} =`,
);

/** The viewer a bearer token stands for and when its session ends; null when unknown or expired. */
export async function resolveViewer(
  db: Db,
  token: string,
): Promise<{ viewer: Viewer; expiresAt: string } | null> {
  const [row] = await query<Viewer & { expiresAt: string }>(
    db,
    sql`${VIEWER_OF_TOKEN} ${hashToken(token)} and ${s.expiresAt} > now()`,
  );
  if (!row) return null;
  const { expiresAt, ...viewer } = row;
  return { viewer, expiresAt };
}

// Compared against when the email is unknown, so a miss costs the same time as a wrong password.
const decoyHash = hashPassword('decoy-password-for-timing');

/** Checks credentials and opens a session; null when the email or password is wrong. */
export async function signIn(
  db: Db,
  email: string,
  password: string,
  ttlSeconds: number,
  /** An account signing in from an address it used before checks its password in its own lane. */
  known = false,
): Promise<{ token: string; viewer: Viewer } | null> {
  const [user] = await query<{ id: string; organizationId: string; role: Role; passwordHash: string }>(
    db,
    sql`select ${name(users.id)}::text as id, ${name(users.organizationId)}::text as "organizationId",
               ${name(users.role)}::text as role, ${name(users.passwordHash)} as "passwordHash"
        from ${tableName(users)} where ${name(users.email)} = ${email.trim().toLowerCase()}`,
  );
  const ok = await verifyPassword(
    password,
    user?.passwordHash ?? (await decoyHash),
    known ? knownPasswordChecks : passwordChecks,
  );
  if (!user || !ok) return null;
  const token = randomBytes(32).toString('base64url');
  // The session and its audit row commit together, as for every mutation.
  return db.transaction(async (tx) => {
    const [session] = await query<{ id: string }>(
      tx as unknown as Db,
      sql`insert into ${tableName(sessions)} (${names(sessions.organizationId, sessions.userId, sessions.tokenHash, sessions.expiresAt)})
          values (${user.organizationId}::uuid, ${user.id}::uuid, ${hashToken(token)}, now() + make_interval(secs => ${ttlSeconds}))
          returning ${name(sessions.id)}::text as id`,
    );
    const viewer: Viewer = {
      userId: user.id,
      organizationId: user.organizationId,
      role: user.role,
      sessionId: session!.id,
    };
    await writeAudit(tx as unknown as Db, viewer, {
      action: 'session.create',
      entityType: 'User',
      entityId: user.id,
      details: {},
    });
    return { token, viewer };
  });
}

export async function signOut(db: Db, viewer: Viewer): Promise<void> {
  await db.transaction(async (tx) => {
    await query(
      tx as unknown as Db,
      sql`delete from ${tableName(sessions)}
          where ${name(sessions.id)} = ${viewer.sessionId}::uuid and ${name(sessions.organizationId)} = ${viewer.organizationId}::uuid`,
    );
    await writeAudit(tx as unknown as Db, viewer, {
      action: 'session.delete',
      entityType: 'User',
      entityId: viewer.userId,
      details: {},
    });
  });
}
