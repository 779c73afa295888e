/**
 * What the database holds, read directly (drizzle over the test's own connection, no API and no
 * cache): the rows a mutation touched, its audit rows, and whether a session exists. Cache tests
 * compare a mutation's payload and the API's reads against these.
 */
import { and, count, eq, isNull } from 'drizzle-orm';
import { hashToken } from '../../src/auth/sessions.js';
import type { Db } from '../../src/db/client.js';
import {
  auditLogs,
  matchingRules,
  projects,
  reconciliations,
  sessions,
  settings,
  users,
} from '../../src/db/schema.js';
import { decodeGlobalId } from '../../src/schema/global-id.js';

/** The uuid behind a global id. */
export const uuidOf = (globalId: string) => decodeGlobalId(globalId).id;

export async function projectRow(db: Db, globalId: string) {
  const [row] = await db
    .select({ name: projects.name, archived: projects.archived })
    .from(projects)
    .where(eq(projects.id, uuidOf(globalId)));
  return row ?? null;
}

export async function reconciliationRow(db: Db, globalId: string) {
  const [row] = await db
    .select({
      reference: reconciliations.reference,
      amount: reconciliations.amount,
      status: reconciliations.status,
    })
    .from(reconciliations)
    .where(eq(reconciliations.id, uuidOf(globalId)));
  return row ?? null;
}

export async function ruleRow(db: Db, globalId: string) {
  const [row] = await db
    .select({ name: matchingRules.name, enabled: matchingRules.enabled })
    .from(matchingRules)
    .where(eq(matchingRules.id, uuidOf(globalId)));
  return row ?? null;
}

export async function settingsRow(db: Db, organizationId: string) {
  const [row] = await db
    .select({ settings: settings.settings })
    .from(settings)
    .where(eq(settings.organizationId, organizationId));
  return row?.settings ?? {};
}

export async function userIdByEmail(db: Db, email: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

export async function sessionExists(db: Db, token: string): Promise<boolean> {
  const [row] = await db
    .select({ n: count() })
    .from(sessions)
    .where(eq(sessions.tokenHash, hashToken(token)));
  return row!.n > 0;
}

/**
 * Audit rows of one action in one organization: about one entity (a uuid), about none (null), or
 * about any (undefined: for a create, whose id is not known before).
 */
export async function auditCount(
  db: Db,
  organizationId: string,
  action: string,
  entityId?: string | null,
): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditLogs)
    .where(
      and(
        eq(auditLogs.organizationId, organizationId),
        eq(auditLogs.action, action),
        entityId === undefined
          ? undefined
          : entityId === null
            ? isNull(auditLogs.entityId)
            : eq(auditLogs.entityId, entityId),
      ),
    );
  return row!.n;
}

/** Every audit row of one organization (to tell that nothing at all was written). */
export async function auditTotal(db: Db, organizationId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditLogs)
    .where(eq(auditLogs.organizationId, organizationId));
  return row!.n;
}
