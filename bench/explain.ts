/**
 * `npm run db:explain [-- --verbose] [-- --only <text>]`: the plan check at scale 100 (bench/plans.ts).
 *
 * Uses the database `recon_explain` in the bench's own PostgreSQL 15 cluster (bench/pg-cluster.ts:
 * BENCH_PG_DIR, BENCH_PG_PORT), created, migrated and seeded at BENCH_SCALE (default 100) the
 * first time (a few minutes), reused and migrated to the latest migrations on later runs;
 * EXPLAIN_DATABASE_URL uses an existing seeded database instead. Prints one table (shape,
 * statements, execution time and shared buffers of the custom plans, the generic plans' time, the
 * scan that read the most rows, PASS/WARN/FAIL) and the plans of every failing shape; exits 1 when
 * any shape scans reconciliations, reconciliation_items or audit_logs sequentially.
 */
import { parseArgs } from 'node:util';
import { openBenchDatabase } from './pg-cluster.js';
import { checkPlans, formatDetails, formatTable, SHAPES } from './plans.js';

const { values } = parseArgs({
  options: { verbose: { type: 'boolean', default: false }, only: { type: 'string' } },
});
const log = (line: string) => process.stdout.write(`${line}\n`);

const db = await openBenchDatabase([], { database: 'recon_explain', urlVariable: 'EXPLAIN_DATABASE_URL' });
let code = 0;
try {
  log(`database: ${db.description}, ${db.version.split(' on ')[0]}`);
  const shapes = values.only ? SHAPES.filter((s) => s.name.includes(values.only!)) : SHAPES;
  const { fixtures, results } = await checkPlans({ url: db.adminUrl, shapes, log });
  if (fixtures.items < 10_000) {
    log(
      `note: the largest reconciliation holds ${fixtures.items} items, not 10,000: this database was seeded before the bank import (drop it to reseed)`,
    );
  }
  log(`\n${formatTable(results)}`);
  const details = formatDetails(results, values.verbose);
  if (details) log(details);
  const failed = results.filter((r) => r.failures.length);
  log(
    `\n${results.length} shapes, ${failed.length} failing${failed.length ? `: ${failed.map((r) => r.shape).join('; ')}` : ''}`,
  );
  code = failed.length ? 1 : 0;
} finally {
  if (db.startedCluster) await db.stop();
}
process.exit(code);
