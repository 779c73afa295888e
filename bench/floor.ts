/**
 * The floor: the cheapest correct server for the five workloads. node:http + postgres.js, one
 * hand-written prepared statement per request, rows written with JSON.stringify. Every statement
 * filters by the organization given, as the API does for its signed-in user.
 * Env: DATABASE_URL, PORT, DB_POOL_MAX (default 10), PG_APPLICATION_NAME.
 */
import { createServer, type ServerResponse } from 'node:http';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL!, {
  max: Number(process.env.DB_POOL_MAX ?? 10),
  prepare: true,
  onnotice: () => {},
  connection: { application_name: process.env.PG_APPLICATION_NAME ?? 'bench-floor', TimeZone: 'UTC' },
});

const LAST = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

const handlers: Record<string, (q: URLSearchParams) => Promise<unknown>> = {
  '/w1': async (q) => {
    const [row] = await sql`
      select r.reference, r.amount, r.currency, r.status, r.created_at, p.name
        from reconciliations r
        join projects p on p.id = r.project_id and p.organization_id = r.organization_id
       where r.id = ${q.get('id')!} and r.organization_id = ${q.get('org')!}`;
    return row ?? null;
  },
  '/w2': (q) => sql`
      select r.reference, r.amount, r.currency, r.created_at, p.name
        from reconciliations r
        join projects p on p.id = r.project_id and p.organization_id = r.organization_id
       where r.organization_id = ${q.get('org')!} and r.status = 'pending'
         and r.created_at > ${q.get('since')!}::timestamptz
       order by r.created_at desc, r.id desc
       limit 100`,
  '/w3': (q) => sql`
      select p.name, r.reference, r.amount, i.description, i.amount as item_amount, i.booked_at
        from (select id, organization_id, name from projects
               where organization_id = ${q.get('org')!}
               order by created_at desc, id desc limit 20) p
       cross join lateral (
              select x.id, x.reference, x.amount, x.created_at from reconciliations x
               where x.project_id = p.id and x.organization_id = p.organization_id
               order by x.created_at desc, x.id desc limit 10) r
        left join lateral (
              select y.description, y.amount, y.booked_at from reconciliation_items y
               where y.reconciliation_id = r.id and y.organization_id = p.organization_id
               order by y.created_at, y.id limit 5) i on true`,
  '/w4': (q) => sql`
      select s.status, count(r.id)::int as count
        from unnest(enum_range(null::reconciliation_status)) s(status)
        left join reconciliations r
          on r.status = s.status and r.project_id = ${q.get('project')!} and r.organization_id = ${q.get('org')!}
       group by s.status`,
  '/w5': async (q) => {
    // Cursor: created_at as PostgreSQL prints it (microseconds) and id, sent as text (postgres.js would
    // make a timestamptz parameter a JS Date: no microseconds, no infinity); 51 rows tell whether more follow.
    const [ts, id] = (q.get('after') ?? `infinity|${LAST}`).split('|');
    const rows = await sql`
      select r.reference, r.amount, r.currency, r.created_at::text as created_at, r.id
        from reconciliations r
       where r.project_id = ${q.get('project')!} and r.organization_id = ${q.get('org')!}
         and (r.created_at, r.id) < (${ts!}::text::timestamptz, ${id!}::text::uuid)
       order by r.created_at desc, r.id desc
       limit 51`;
    return { rows: rows.slice(0, 50), next: rows.length > 50 };
  },
};

function send(res: ServerResponse, status: number, body: string) {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://floor');
  const handler = handlers[url.pathname];
  if (!handler) return send(res, 404, '{"error":"not found"}');
  handler(url.searchParams).then(
    (data) => send(res, 200, JSON.stringify(data)),
    (err: Error) => send(res, 500, JSON.stringify({ error: err.message })),
  );
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 5677), '127.0.0.1');

const shutdown = async () => {
  server.close();
  await sql.end({ timeout: 2 });
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
