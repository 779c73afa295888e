/**
 * `npm run db:seed -- --scale N [--anchor YYYY-MM-DD] [--reset]`
 * Migrates, then fills the database deterministically. Scale 100 = 200,000 reconciliations.
 */
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config.js';
import { openDatabase } from './client.js';
import { MigrationError, MigrationRunner } from './migrate.js';
import { SeedError, seed, seedSizes } from './seed.js';

const config = loadConfigOrExit();
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    anchor: { type: 'string' },
    reset: { type: 'boolean', default: false },
  },
});
const log = (line: string) => process.stdout.write(`${line}\n`);
const scale = Number(values.scale);

const database = await openDatabase(config);
const executor = await database.executor();
let code = 0;
try {
  await new MigrationRunner(executor, { log }).migrate();
  const size = seedSizes(scale);
  log(
    `seeding scale ${scale} (${size.reconciliations} reconciliations, ${size.items} items) into ${database.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${config.DATA_DIR}`}`,
  );
  const started = performance.now();
  await seed(executor, {
    scale,
    reset: values.reset,
    log,
    ...(values.anchor ? { anchor: values.anchor } : {}),
  });
  log(`seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} catch (err) {
  if (!(err instanceof SeedError || err instanceof MigrationError)) throw err;
  process.stderr.write(`seed error: ${err.message}\n`);
  code = 1;
} finally {
  await executor.release();
  await database.close();
}
process.exit(code);
