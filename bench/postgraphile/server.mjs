// The benchmark's PostGraphile 5 server (amber preset + connection filter) over the same database.
// Env: DATABASE_URL, PORT, PG_APPLICATION_NAME, DB_POOL_MAX (default 10). Started by bench/run.ts.
//
// Node 20 lacks Promise.withResolvers (grafast uses it): polyfilled before PostGraphile loads.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const { createServer } = await import('node:http');
const { default: pg } = await import('pg');
const { postgraphile } = await import('postgraphile');
const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
const { makePgService } = await import('postgraphile/adaptors/pg');
const { grafserv } = await import('postgraphile/grafserv/node');
const { PostGraphileConnectionFilterPreset } = await import('postgraphile-plugin-connection-filter');

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DB_POOL_MAX ?? 10),
  application_name: process.env.PG_APPLICATION_NAME ?? 'bench-postgraphile',
});

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset, PostGraphileConnectionFilterPreset],
  // The schema's foreign keys are composite (project_id, organization_id): without this, v5 hides
  // the backward relations (no index starts with both columns in that order).
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  pgServices: [makePgService({ pool, schemas: ['public'] })],
  grafserv: { graphqlPath: '/graphql', watch: false, graphiql: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server).catch((err) => {
  console.error(err);
  process.exit(1);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 5678), '127.0.0.1');

const shutdown = async () => {
  server.close();
  await pgl.release();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
