/** `npm run codegen` step 1: writes the printed, sorted schema to schema.graphql. */
import { writeFile } from 'node:fs/promises';
import { printedSchema } from './index.js';

await writeFile(new URL('../../schema.graphql', import.meta.url), printedSchema());
process.stdout.write('wrote schema.graphql\n');
