/**
 * The import rules of src/ (issue 10), read from the source with the TypeScript parser: imports
 * point one way (server -> app -> schema -> domain/loaders -> db, cache and auth beside them),
 * src/schema takes only types from src/db, and no module imports itself back through others.
 * Static imports, `export ... from`, `import('...')` and `typeof import('...')` all count.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The layers, top to bottom, and what each may import besides itself. `x:type` allows only
 * `import type` from x (erased at run time); apart from those, a layer imports only layers below
 * it (checked below). A file belongs to the row that names it most closely (a file before its folder).
 */
const LAYERS = `
  layer    | files                                                  | may import
  server   | src/server.ts src/http-server.ts                       | app cache seed db shared
  app      | src/app.ts src/edge.ts src/transport.ts src/log.ts src/metrics.ts src/slow-log.ts src/access-log.ts src/graphiql.ts | schema context cache auth viewer db shared
  schema   | src/schema/                                            | context domain loaders cache auth viewer db:type shared
  context  | src/context.ts                                         | loaders cache viewer db:type shared
  loaders  | src/loaders/                                           | cache db shared
  seed     | src/db/seed.ts src/db/seed-cli.ts                      | auth db shared
  cache    | src/cache/                                             | context:type auth viewer db:type shared
  auth     | src/auth/                                     | domain viewer cache:type db shared
  domain   | src/domain/                                            | cache:type viewer db shared
  viewer   | src/auth/viewer.ts                                     | db:type
  db       | src/db/                                                | shared
  gateway  | src/gateway-plugin.ts                                  |
  shared   | src/config.ts src/errors.ts src/instant.ts src/client-address.ts src/uuid.ts src/request-context.ts src/event-loop-lag.ts |
`;

interface Layer {
  name: string;
  files: string[];
  mayImport: Map<string, 'any' | 'type'>;
}

const layers: Layer[] = LAYERS.trim()
  .split('\n')
  .slice(1)
  .map((line) => {
    const [name, files, mayImport] = line.split('|').map((cell) => cell.trim().split(/\s+/).filter(Boolean));
    return {
      name: name![0]!,
      files: files!,
      mayImport: new Map(
        mayImport!.map((entry) => {
          const [layer, only] = entry.split(':');
          return [layer!, only === 'type' ? 'type' : 'any'] as const;
        }),
      ),
    };
  });

function layerOf(file: string): Layer | undefined {
  let best: { layer: Layer; length: number } | undefined;
  for (const layer of layers) {
    for (const f of layer.files) {
      const match = f.endsWith('/') ? file.startsWith(f) : file === f;
      if (match && f.length > (best?.length ?? -1)) best = { layer, length: f.length };
    }
  }
  return best?.layer;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

interface Edge {
  from: string;
  to: string;
  /** Erased at run time: `import type`, `export type ... from`, `typeof import(...)`. */
  typeOnly: boolean;
}

/** Every import of `file` that names a module of this repository, resolved to its .ts file. */
function importsOf(file: string, text: string): Edge[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const edges: Edge[] = [];
  const add = (specifier: ts.Expression | undefined, typeOnly: boolean, node: ts.Node) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) {
      // A computed specifier cannot be checked: spell it out.
      throw new Error(
        `${file}: an import whose module is not a string: ${node.getText(source).slice(0, 80)}`,
      );
    }
    if (!specifier.text.startsWith('.')) return; // a package
    const to = posix.normalize(posix.join(posix.dirname(file), specifier.text)).replace(/\.js$/, '.ts');
    if (!existsSync(join(ROOT, to))) throw new Error(`${file}: cannot resolve '${specifier.text}'`);
    edges.push({ from: file, to, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly ?? false, node);
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier)
      add(node.moduleSpecifier, node.isTypeOnly, node);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node.moduleReference.expression, node.isTypeOnly, node);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      add(node.arguments[0], false, node);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add(node.argument.literal as ts.Expression, true, node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return edges;
}

const files = sourceFiles('src');
const edges = files.flatMap((file) => importsOf(file, readFileSync(join(ROOT, file), 'utf8')));

/** The edges the layer table does not allow, as `from -> to`. */
function violations(all: Edge[]): string[] {
  return all
    .filter(({ from, to, typeOnly }) => {
      const [a, b] = [layerOf(from), layerOf(to)];
      if (!a || !b || a === b) return false;
      const allowed = a.mayImport.get(b.name);
      return !(allowed === 'any' || (allowed === 'type' && typeOnly));
    })
    .map(({ from, to }) => `${from} -> ${to}`);
}

/** Strongly connected components of more than one module (or a module importing itself). */
function cycles(all: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of all) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  // Tarjan's algorithm.
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (stack.includes(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) === index.get(node)) {
      const component = stack.splice(stack.indexOf(node));
      if (component.length > 1 || next.get(node)?.includes(node)) found.push(component.sort());
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return found;
}

describe('imports in src/', () => {
  it('reads them: every file has a layer, and known edges are found', () => {
    expect(files.filter((file) => !layerOf(file))).toEqual([]);
    expect(edges).toContainEqual({ from: 'src/server.ts', to: 'src/app.ts', typeOnly: false });
    expect(edges).toContainEqual({ from: 'src/schema/refs.ts', to: 'src/context.ts', typeOnly: true });
    // And the parser sees each form of import.
    const forms = importsOf(
      'src/schema/example.ts',
      `import a from '../db/client.js';
       import type { B } from '../db/sql.js';
       export { c } from '../config.js';
       export type { D } from '../errors.js';
       const e = await import('../uuid.js');
       type F = typeof import('../instant.js');`,
    );
    expect(forms.map(({ to, typeOnly }) => `${to}${typeOnly ? ' (type)' : ''}`)).toEqual([
      'src/db/client.ts',
      'src/db/sql.ts (type)',
      'src/config.ts',
      'src/errors.ts (type)',
      'src/uuid.ts',
      'src/instant.ts (type)',
    ]);
    expect(violations(forms)).toEqual(['src/schema/example.ts -> src/db/client.ts']);
  });

  it('point one way in the table itself: apart from `import type`, only to layers below', () => {
    const upward = layers.flatMap((layer, i) =>
      [...layer.mayImport]
        .filter(([name, only]) => only === 'any' && layers.findIndex((l) => l.name === name) <= i)
        .map(([name]) => `${layer.name} -> ${name}`),
    );
    expect(upward).toEqual([]);
    // Every layer named on the right is a row.
    const names = new Set(layers.map((layer) => layer.name));
    expect(layers.flatMap((layer) => [...layer.mayImport.keys()]).filter((name) => !names.has(name))).toEqual(
      [],
    );
  });

  it('follow the layer table (src/schema takes only types from src/db)', () => {
    expect(violations(edges)).toEqual([]);
  });

  it('nothing under src/loaders, src/domain or src/db imports src/schema', () => {
    const below = edges.filter(
      ({ from, to }) => /^src\/(loaders|domain|db)\//.test(from) && to.startsWith('src/schema/'),
    );
    expect(below.map(({ from, to }) => `${from} -> ${to}`)).toEqual([]);
  });

  it('form no cycle, `import type` included', () => {
    expect(cycles(edges)).toEqual([]);
  });
});
