/**
 * The typed-clients instructions are true: docs/client-codegen.ts, run by graphql-codegen over
 * schema.graphql for a small client document, gives `amount` and `createdAt` as `string`, `metadata`
 * as `unknown` and `code` as the UserErrorCode union, and the client's code type-checks.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import clientConfig from '../../docs/client-codegen.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

// Under node_modules, so the generated code resolves @graphql-typed-document-node/core from here.
let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const CLIENT = `
import type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';
import { graphql } from './gql/index.js';

export const ClientDashboard = graphql(\`
  query ClientDashboard($since: DateTime!) {
    reconciliations(first: 5, filter: { createdAfter: $since }) {
      edges { node { id reference amount createdAt metadata status } }
    }
  }
\`);
export const ClientRename = graphql(\`
  mutation ClientRename($id: ID!, $name: String!) {
    projectUpdate(id: $id, input: { name: $name }) { project { id } userErrors { field message code } }
  }
\`);

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Node = ResultOf<typeof ClientDashboard>['reconciliations']['edges'][number]['node'];
type Code = ResultOf<typeof ClientRename>['projectUpdate']['userErrors'][number]['code'];

export const checks: [
  Equal<Node['amount'], string>,
  Equal<Node['createdAt'], string>,
  Equal<Node['metadata'], unknown>,
  Equal<Node['status'], 'PENDING' | 'MATCHED' | 'PARTIALLY_MATCHED' | 'UNMATCHED'>,
  Equal<VariablesOf<typeof ClientDashboard>['since'], string>,
] = [true, true, true, true, true];

export const found: Code = 'NOT_FOUND';
// @ts-expect-error a misspelt code is not a UserErrorCode
export const misspelt: Code = 'NOT_FUOND';
`;

describe('typed clients (docs/client-codegen.ts)', () => {
  it('types Decimal and DateTime as string, JSON as unknown, user error codes as a union', async () => {
    dir = await mkdtemp(join(root, 'node_modules/.cache-client-codegen-'));
    await mkdir(join(dir, 'src'), { recursive: true });
    await writeFile(join(dir, 'src/client.ts'), CLIENT);

    // The documented config as a client runs it, with its paths rooted in the scratch project.
    const [target, output] = Object.entries(clientConfig.generates)[0]!;
    await generate(
      {
        ...clientConfig,
        cwd: dir,
        schema: join(root, String(clientConfig.schema)),
        documents: (clientConfig.documents as string[]).map((d) =>
          d.startsWith('!') ? `!${join(dir!, d.slice(1))}` : join(dir!, d),
        ),
        generates: { [join(dir, target)]: output },
        silent: true,
      },
      true,
    );
    const generated = await readFile(join(dir, 'src/gql/graphql.ts'), 'utf8');
    expect(generated).toMatch(/amount: string, createdAt: string, metadata: unknown/);

    const program = ts.createProgram([join(dir, 'src/client.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      verbatimModuleSyntax: true,
      skipLibCheck: true,
      types: [],
    });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([]);
  }, 60_000);
});
