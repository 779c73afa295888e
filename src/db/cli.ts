/**
 * `npm run db:migrate | db:info | db:undo [-- --to VERSION | --all] | db:validate`
 * Works on DATABASE_URL, or on the embedded database in DATA_DIR when it is not set.
 */
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../config.js';
import { openDatabase } from './client.js';
import { MigrationError, MigrationRunner } from './migrate.js';

const config = loadConfigOrExit();
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { to: { type: 'string' }, all: { type: 'boolean', default: false } },
});
const command = positionals[0];
const log = (line: string) => process.stdout.write(`${line}\n`);

const database = await openDatabase(config);
const executor = await database.executor();
const runner = new MigrationRunner(executor, { log });
const where =
  database.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.DATA_DIR}`;
let code = 0;
try {
  switch (command) {
    case 'migrate': {
      const ran = await runner.migrate();
      log(ran.length ? `${ran.length} migration(s) applied to ${where}` : `${where} is up to date`);
      break;
    }
    case 'info': {
      const rows = await runner.info();
      log(`migrations on ${where}:`);
      for (const m of rows)
        log(
          `${String(m.version).padStart(4, '0')}  ${m.name.padEnd(24)} ${m.state.padEnd(18)} ${m.checksum.slice(0, 16)}  ${m.appliedAt ?? ''}`,
        );
      break;
    }
    case 'undo': {
      let to: number | undefined;
      if (values.all) to = -1;
      else if (values.to !== undefined) {
        to = Number(values.to);
        if (!Number.isInteger(to) || to < 0)
          throw new MigrationError(`--to must be a version number, got "${values.to}"`);
      }
      const undone = await runner.undo(to);
      log(undone.length ? `undid ${undone.join(', ')} on ${where}` : 'nothing to undo');
      break;
    }
    case 'validate':
      await runner.validate();
      log(`every applied migration on ${where} matches its file`);
      break;
    default:
      log('usage: cli.ts migrate | info | undo [--to VERSION | --all] | validate');
      code = 2;
  }
} catch (err) {
  if (!(err instanceof MigrationError)) throw err;
  process.stderr.write(`migration error: ${err.message}\n`);
  code = 1;
} finally {
  await executor.release();
  await database.close();
}
process.exit(code);
