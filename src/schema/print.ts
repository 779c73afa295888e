/** `npm run codegen` step 1: writes schema.graphql (the API) and subgraph.graphql (with @key). */
import { writeFile } from 'node:fs/promises';
import { printedSchema, printedSubgraphSchema } from './index.js';

await writeFile(new URL('../../schema.graphql', import.meta.url), printedSchema());
await writeFile(new URL('../../subgraph.graphql', import.meta.url), printedSubgraphSchema());
process.stdout.write('wrote schema.graphql and subgraph.graphql\n');
