/** The organization's settings: replaced whole, by an ADMIN (the schema checks the role). */
import { sql } from 'drizzle-orm';
import { col, from, name } from '../db/entity.js';
import { settings as settingsTable } from '../db/schema.js';
import { query } from '../db/sql.js';
import { writeAudit } from './audit.js';
import { Checks } from './errors.js';
import { names } from './rows.js';
import { checkJsonObject } from './validation.js';
import type { Write } from './write.js';

type Settings = Record<string, unknown>;
const s = settingsTable;

export async function replaceSettings(w: Write, settings: unknown): Promise<{ settings: Settings }> {
  const checks = new Checks();
  checkJsonObject(checks, settings, ['settings'], 64 * 1024);
  checks.throwIfAny();
  const org = w.viewer.organizationId;
  const [before] = await query<{ settings: Settings }>(
    w.tx,
    sql`select ${col('x', s.settings)} as settings from ${from(s)} where ${col('x', s.organizationId)} = ${org}::uuid for update`,
  );
  const [after] = await query<{ settings: Settings }>(
    w.tx,
    sql`insert into ${s} (${names(s.organizationId, s.settings, s.updatedAt, s.updatedBy)})
        values (${org}::uuid, ${JSON.stringify(settings)}::jsonb, now(), ${w.viewer.userId}::uuid)
        on conflict (${name(s.organizationId)}) do update
          set ${name(s.settings)} = excluded.${name(s.settings)}, ${name(s.updatedAt)} = now(),
              ${name(s.updatedBy)} = excluded.${name(s.updatedBy)}
        returning ${name(s.settings)} as settings`,
  );
  await writeAudit(w.tx, w.viewer, {
    action: 'settings.update',
    entityType: 'Settings',
    entityId: null,
    details: { before: before?.settings ?? {}, after: after!.settings },
  });
  return { settings: after!.settings };
}
