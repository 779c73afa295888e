/**
 * No input reaches INTERNAL_SERVER_ERROR: text that is not Unicode, values nested without end,
 * instants that do not exist, cursors out of range, and then every argument of the schema walked
 * with hostile values. Refusals happen before any SQL, and nothing of the SQL or of the values
 * sent shows in a response or a log line.
 */
import fc from 'fast-check';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projects } from '../../src/db/schema.js';
import { encodeGlobalId } from '../../src/schema/global-id.js';
import { schema } from '../../src/schema/index.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import {
  createItem,
  createOrganization,
  createProject,
  createReconciliation,
  createRule,
  createUser,
} from '../helpers/factories.js';
import { readsFrom } from '../helpers/statements.js';

const CONTRACT_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'QUERY_TOO_COMPLEX'];
/** Any SQL statement, or drizzle's "Failed query" wrapper, in a response or log line. */
const SQL_TEXT =
  /failed query|\bselect\b[^"]{0,200}\bfrom\b|\binsert into\b|\bupdate\s+"?\w+"?\s+set\b|\$\d+::/i;
/** Every hostile string carries it: a log line holding it holds a value the client sent. */
const MARK = 'zqmark';

interface Sent {
  status: number;
  text: string;
}

describe('hostile input', () => {
  let t: TestApp;
  const logs: string[] = [];
  let admin: string;
  const ids: Record<string, string> = {};

  /** POSTs a raw JSON body (values JSON.stringify cannot write, such as 100,000 levels deep). */
  const post = async (body: string, token: string | null = admin): Promise<Sent> => {
    const res = await t.app.fetch('http://test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body,
    });
    return { status: res.status, text: await res.text() };
  };
  const send = (query: string, variables: unknown = {}, token: string | null = admin) =>
    post(JSON.stringify({ query, variables }), token);

  const errorsOf = (sent: Sent) =>
    ((JSON.parse(sent.text) as { errors?: { message: string; extensions?: { code?: string } }[] }).errors ??
      []) as { message: string; extensions?: { code?: string } }[];

  /** What is wrong with the answer to a hostile request: a 5xx, a code outside the contract, SQL. */
  const problemsOf = (sent: Sent, what: string): string[] => {
    const problems: string[] = [];
    if (sent.status >= 500) problems.push(`${what}: HTTP ${sent.status}`);
    for (const error of errorsOf(sent)) {
      if (!CONTRACT_CODES.includes(error.extensions?.code ?? '')) {
        problems.push(`${what}: ${error.extensions?.code} ${error.message.slice(0, 200)}`);
      }
    }
    if (SQL_TEXT.test(sent.text)) problems.push(`${what}: SQL in ${sent.text.slice(0, 200)}`);
    return problems;
  };
  const expectHandled = (sent: Sent, what: string) => expect(problemsOf(sent, what)).toEqual([]);
  const expectRefused = (sent: Sent, code: string, message: RegExp, what = '') => {
    expectHandled(sent, what);
    const errors = errorsOf(sent);
    expect(
      errors.map((e) => e.extensions?.code),
      what,
    ).toEqual([code]);
    expect(errors[0]!.message, what).toMatch(message);
  };

  beforeAll(async () => {
    // With the response cache on, as in production: its key hashes the variables (recursively).
    t = await createTestApp('hostile', {}, { rawLogLines: logs, cache: 'memory' });
    const db = t.database.db;
    const org = await createOrganization(db);
    const user = await createUser(db, org.id, 'admin', 'hostile-admin@example.test');
    const project = await createProject(db, org.id);
    const reconciliation = await createReconciliation(db, project, { reference: 'HOSTILE-1' });
    const item = await createItem(db, reconciliation);
    const rule = await createRule(db, project);
    const other = await createProject(db, (await createOrganization(db)).id);
    Object.assign(ids, {
      User: encodeGlobalId('User', user.id),
      Organization: encodeGlobalId('Organization', org.id),
      Project: encodeGlobalId('Project', project.id),
      Reconciliation: encodeGlobalId('Reconciliation', reconciliation.id),
      ReconciliationItem: encodeGlobalId('ReconciliationItem', item.id),
      MatchingRule: encodeGlobalId('MatchingRule', rule.id),
      OtherProject: encodeGlobalId('Project', other.id),
    });
    admin = await t.signIn('hostile-admin@example.test');
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('text that is not Unicode', () => {
    const signIn = 'mutation($e: String!) { sessionCreate(input: { email: $e, password: "x" }) { token } }';

    it('refuses a NUL in a variable or a literal before any SQL, anonymous sign-in included', async () => {
      for (const [query, variables, name] of [
        [signIn, { e: `a\u0000${MARK}@example.test` }, /"\$e"/],
        [
          `mutation { sessionCreate(input: { email: "a\\u0000${MARK}", password: "x" }) { token } }`,
          {},
          /"input\.email"/,
        ],
      ] as const) {
        t.statements.length = 0;
        const sent = await send(query, variables, null);
        expectRefused(sent, 'BAD_USER_INPUT', /NUL character/);
        expect(errorsOf(sent)[0]!.message).toMatch(name);
        expect(t.statements).toEqual([]);
      }
    });

    it('refuses a NUL in the variables of a GET request as well', async () => {
      const res = await t.request(
        'query($s: String) { projects(filter: { search: $s }) { totalCount } }',
        { s: `\u0000${MARK}` },
        { token: admin, method: 'GET' },
      );
      expect(res.status).toBe(400);
      expect(res.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['BAD_USER_INPUT', 'Variable "$s" contains a NUL character (U+0000)'],
      ]);
    });

    it('answers a refusal as a validation error is: 400, or 200 to a legacy application/json client', async () => {
      const body = JSON.stringify({ query: '{ viewer { id } }', variables: { s: '\u0000' } });
      for (const [accept, status] of [
        ['application/graphql-response+json', 400],
        ['application/json', 200],
      ] as const) {
        const res = await t.app.fetch('http://test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept },
          body,
        });
        expect(res.status, accept).toBe(status);
        expect(
          ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
        ).toBe('BAD_USER_INPUT');
      }
    });

    it('refuses lone surrogates in strings and in metadata keys', async () => {
      const sent = await send(
        'mutation($id: ID!, $m: JSON) { reconciliationUpdate(id: $id, input: { metadata: $m }) { userErrors { code } } }',
        { id: ids.Reconciliation, m: { ok: 1, nested: { [`\uD800${MARK}`]: 'v' } } },
      );
      expectRefused(
        sent,
        'BAD_USER_INPUT',
        /^Variable "\$m\.nested" has a key that contains a lone UTF-16 surrogate/,
      );
      const name = await send(
        'mutation($n: String!) { projectCreate(input: { name: $n }) { userErrors { code } } }',
        {
          n: `${MARK}\uDC00`,
        },
      );
      expectRefused(name, 'BAD_USER_INPUT', /lone UTF-16 surrogate/);
    });
  });

  describe('depth', () => {
    const deepObject = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

    it('refuses a JSON variable 100,000 levels deep, used or not', async () => {
      const used = await post(
        `{"query":"mutation($m: JSON!) { settingsUpdate(settings: $m) { userErrors { code } } }","variables":{"m":${deepObject(100_000)}}}`,
      );
      expectRefused(used, 'BAD_USER_INPUT', /^Variable "\$m\.a\.a.*" nests deeper than 32 levels$/);
      const unused = await post(`{"query":"{ viewer { id } }","variables":{"x":${deepObject(100_000)}}}`);
      expectRefused(unused, 'BAD_USER_INPUT', /nests deeper than 32 levels/);
    });

    it('refuses deep values, selections and fragment chains from anonymous clients, within their body cap', async () => {
      const cases: [string, string, string, RegExp][] = [
        [
          'an undeclared variable',
          `{"query":"{ viewer { id } }","variables":{"x":${'['.repeat(7000)}${']'.repeat(7000)}}}`,
          'BAD_USER_INPUT',
          /nests deeper/,
        ],
        [
          'a literal list',
          JSON.stringify({ query: `{ node(id: ${'['.repeat(7000)}${']'.repeat(7000)}) { id } }` }),
          'BAD_USER_INPUT',
          /inside a value/,
        ],
        [
          'a variable default',
          JSON.stringify({
            query: `query($x: JSON = ${'{a:'.repeat(3000)}1${'}'.repeat(3000)}) { viewer { id } }`,
          }),
          'BAD_USER_INPUT',
          /inside a value/,
        ],
        [
          'a literal nested just past the value limit',
          JSON.stringify({ query: `{ node(id: ${'['.repeat(33)}1${']'.repeat(33)}) { id } }` }),
          'BAD_USER_INPUT',
          /^Argument "id\[0\].*" nests deeper than 32 levels/,
        ],
        [
          'selections',
          JSON.stringify({ query: `{ viewer ${'{a'.repeat(5000)}${'}'.repeat(5000)} }` }),
          'QUERY_TOO_COMPLEX',
          /nests brackets more than 128 levels/,
        ],
        [
          'a fragment chain',
          JSON.stringify({
            query: `{ viewer { ...F0 } } ${Array.from({ length: 400 }, (_, i) => `fragment F${i} on User{...F${i + 1}}`).join(' ')} fragment F400 on User{id}`,
          }),
          'QUERY_TOO_COMPLEX',
          /through fragments, above the limit of 64/,
        ],
      ];
      for (const [what, body, code, message] of cases) {
        expect(body.length, what).toBeLessThan(16 * 1024);
        t.statements.length = 0;
        expectRefused(await post(body, null), code, message, what);
        expect(t.statements, what).toEqual([]);
      }
    });

    it('refuses a chain of thousands of fragments from a signed-in client', async () => {
      const query = `{ viewer { ...F0 } } ${Array.from({ length: 5000 }, (_, i) => `fragment F${i} on User { ...F${i + 1} }`).join(' ')} fragment F5000 on User { id }`;
      // 5,000 fragments are more tokens than a document may hold: refused before the depth walk.
      expectRefused(await send(query), 'QUERY_TOO_COMPLEX', /more than 10000 tokens/);
      const cycle = `{ viewer { ...F0 } } ${Array.from({ length: 1000 }, (_, i) => `fragment F${i} on User { ...F${(i + 1) % 1000} }`).join(' ')}`;
      expectRefused(await send(cycle), 'QUERY_TOO_COMPLEX', /through fragments/);
    });
  });

  describe('instants', () => {
    const filter = 'query($at: DateTime!) { reconciliations(filter: { createdAfter: $at }) { totalCount } }';

    it.each([
      '2026-13-01T00:00:00Z',
      '2026-01-32T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '2026-01-01T25:00:00Z',
      '0001-01-01T00:00:00+01:00',
    ])('refuses the DateTime %s as a variable and as a literal', async (at) => {
      expectRefused(await send(filter, { at }), 'BAD_USER_INPUT', /DateTime must be a real instant/);
      const literal = `{ reconciliations(filter: { createdAfter: "${at}" }) { totalCount } }`;
      expectRefused(await send(literal), 'BAD_USER_INPUT', /DateTime must be a real instant/);
    });

    it('accepts the last day of February, and refuses a cursor with an out-of-range instant before SQL', async () => {
      const ok = await send(filter, { at: '2026-02-28T23:59:59.999Z' });
      expect(JSON.parse(ok.text)).toMatchObject({ data: { reconciliations: { totalCount: 1 } } });
      expect(JSON.parse(ok.text).errors).toBeUndefined();
      // The check below sees a projects read when there is one.
      t.statements.length = 0;
      await send('{ projects(first: 1) { totalCount } }');
      expect(t.statements.filter((s) => readsFrom(s, projects))).not.toEqual([]);
      for (const value of [
        '2026-13-01T00:00:00.000000Z',
        '0000-01-01T00:00:00.000000Z',
        '2026-02-30T00:00:00.000000Z',
      ]) {
        const cursor = Buffer.from(
          JSON.stringify(['projects:CREATED_AT:DESC', value, '0b7a3c2e-5d4f-4a1b-9c8d-7e6f5a4b3c2d']),
        ).toString('base64url');
        t.statements.length = 0;
        const sent = await send('query($c: String) { projects(after: $c) { totalCount edges { cursor } } }', {
          c: cursor,
        });
        expectRefused(sent, 'BAD_USER_INPUT', /Invalid cursor in "after"/);
        expect(t.statements.filter((s) => readsFrom(s, projects))).toEqual([]);
      }
    });
  });

  describe('node and nodes', () => {
    it('resolve the same id asked for twice in one request', async () => {
      const sent = await send(
        `query($id: ID!) { node(id: $id) { id __typename } nodes(ids: [$id, $id]) { id __typename }
          again: node(id: $id) { ... on Project { name } } }`,
        { id: ids.Project },
      );
      const body = JSON.parse(sent.text);
      expect(body.errors).toBeUndefined();
      expect(body.data.node).toEqual({ id: ids.Project, __typename: 'Project' });
      expect(body.data.nodes).toEqual([body.data.node, body.data.node]);
      expect(body.data.again.name).toEqual(expect.any(String));
    });

    it('resolve one id through node, nodes and _entities in one request, for every type', async () => {
      for (const type of [
        'User',
        'Organization',
        'Project',
        'Reconciliation',
        'ReconciliationItem',
        'MatchingRule',
      ]) {
        const sent = await send(
          `query($id: ID!, $r: [_Any!]!) { nodes(ids: [$id]) { id } node(id: $id) { id }
            _entities(representations: $r) { __typename } }`,
          { id: ids[type], r: [{ __typename: type, id: ids[type] }] },
        );
        expect(JSON.parse(sent.text).errors, type).toBeUndefined();
        expect(JSON.parse(sent.text), type).toMatchObject({
          data: { nodes: [{ id: ids[type] }], node: { id: ids[type] }, _entities: [{ __typename: type }] },
        });
      }
    });
  });

  describe('every argument of the schema', () => {
    /** A valid value of an input type (required fields only), the base a hostile value replaces a part of. */
    let serial = 0;
    /** Valid text for the string fields that need a particular kind; any other gets a fresh name. */
    const TEXT: Record<string, string> = {
      email: 'hostile-admin@example.test',
      password: 'test-password',
      currency: 'EUR',
      action: 'project.create',
    };
    function base(type: GraphQLInputType, name: string, field: string): unknown {
      if (isNonNullType(type)) return base(type.ofType, name, field);
      if (isListType(type)) return [base(type.ofType, name, field)];
      if (isInputObjectType(type)) {
        // Every field valid, not only the required ones: the mutation or filter then goes as far
        // as SQL unless the one hostile value stops it.
        const value: Record<string, unknown> = {};
        for (const f of Object.values(type.getFields())) {
          // An update cannot move a rule to another project (IMMUTABLE): leave that field out.
          if (!(f.name === 'projectId' && field.endsWith('Update')))
            value[f.name] = base(f.type, f.name, field);
        }
        return value;
      }
      if (isEnumType(type)) return type.getValues()[0]!.name;
      switch (type.name) {
        case 'ID':
          return idFor(name, field);
        case 'Int':
          return 1;
        case 'Boolean':
          return true;
        case 'Decimal':
          return '1.00';
        case 'DateTime':
          return '2026-01-01T00:00:00Z';
        case 'JSON':
          return {};
        case '_Any':
          return { __typename: 'Project', id: ids.Project };
        default:
          return TEXT[name] ?? `Hostile ${++serial}`;
      }
    }
    /** The id an argument names: by its name, or by the mutation it belongs to. */
    function idFor(name: string, field: string): string {
      if (name === 'projectId') return ids.Project!;
      if (name === 'reconciliationId') return ids.Reconciliation!;
      if (name === 'userId') return ids.User!;
      const type = ['reconciliationItem', 'reconciliation', 'matchingRule', 'project'].find((p) =>
        field.startsWith(p),
      );
      return ids[type ? type[0]!.toUpperCase() + type.slice(1) : 'Project']!;
    }

    /** Hostile values for a value of this type (its named type and whether it is a list). */
    function hostile(type: GraphQLInputType): unknown[] {
      const named = getNamedType(type);
      const strings = [
        '',
        ' ',
        `a\u0000${MARK}`,
        `\uD800${MARK}`,
        `${MARK}\uDFFF`,
        `${MARK}${'x'.repeat(100_000)}`,
        `${MARK}' or 1=1 --`,
        `${MARK}%_\\`,
        `${MARK}😀`,
        Buffer.from(`Project:${MARK}`).toString('base64url'),
        Buffer.from('Project:00000000-0000-0000-0000-000000000000').toString('base64url'),
        ids.OtherProject,
        ids.User,
        Buffer.from(
          JSON.stringify(['projects:CREATED_AT:DESC', '2026-13-01T00:00:00.000000Z', MARK]),
        ).toString('base64url'),
        Buffer.from(JSON.stringify([1, 2, 3])).toString('base64url'),
      ];
      const generic: unknown[] = [null, true, -1, 1.5, {}, [], 'x'.repeat(10), [[['nested']]]];
      const deep = JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`);
      const leaf: Record<string, unknown[]> = {
        String: strings,
        ID: strings,
        Int: [0, -1, -2147483648, 2147483647, 2147483648, 1e20, '1'],
        Boolean: ['true', 0],
        Decimal: [
          '-0',
          '1e5',
          '99999999999999999999.999999',
          '-99999999999999999999.999999',
          '0.0000001',
          '100000000000000000000',
          1.5,
          'NaN',
          '１２',
        ],
        DateTime: [
          '2026-13-01T00:00:00Z',
          '0000-01-01T00:00:00Z',
          '2026-02-30T00:00:00Z',
          '2026-01-01T25:00:00Z',
          '0001-01-01T00:00:00Z',
          '9999-12-31T23:59:59.999Z',
          'now',
          0,
        ],
        JSON: [
          deep,
          { [`k\u0000${MARK}`]: 1 },
          { k: `\uD800${MARK}` },
          { [`\uDBFF${MARK}`]: [] },
          'string',
          1e308,
          [1, 'two', { three: [null] }],
          Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i])),
        ],
        _Any: [
          { __typename: 'Project' },
          { __typename: 'Nope', id: ids.Project },
          { __typename: 'Project', id: 12 },
          { __typename: 'Project', id: { id: ids.Project } },
          { __typename: 'Reconciliation', id: ids.Project },
          { __typename: '__proto__', id: ids.Project },
          { id: ids.Project },
          'Project',
        ],
      };
      const values = [
        ...generic,
        deep,
        ...(isEnumType(named) ? ['NOPE', 'pending', 1] : (leaf[named.name] ?? [])),
      ];
      if (isListType(getNullableType(type))) {
        values.push(Array.from({ length: 1000 }, () => base(named as GraphQLInputType, 'x', 'x')));
      }
      return values;
    }

    interface Position {
      field: GraphQLField<unknown, unknown>;
      operation: 'query' | 'mutation';
      arg: GraphQLArgument;
      /** Path inside the argument's value: input object field names and list index 0. */
      path: (string | number)[];
      type: GraphQLInputType;
    }

    /** Every argument of every root field, and every input field and list item inside it. */
    function positions(): Position[] {
      const found: Position[] = [];
      for (const [operation, root] of [
        ['query', schema.getQueryType()!],
        ['mutation', schema.getMutationType()!],
      ] as const) {
        for (const field of Object.values(root.getFields())) {
          for (const arg of field.args) {
            const walk = (type: GraphQLInputType, path: (string | number)[]) => {
              found.push({ field, operation, arg, path, type });
              const inner = getNullableType(type);
              if (isListType(inner)) walk(inner.ofType, [...path, 0]);
              else if (isInputObjectType(inner) && path.length < 4) {
                for (const f of Object.values(inner.getFields())) walk(f.type, [...path, f.name]);
              }
            };
            walk(arg.type, []);
          }
        }
      }
      return found;
    }

    /** The request for a hostile value at a position: every argument a variable, the others valid. */
    function requestFor(p: Position, value: unknown, inline = false) {
      // The hostile argument and the required ones (optional ones left out: a made-up cursor
      // would stop every request before the hostile value is used).
      const sentArgs = p.field.args.filter((a) => a === p.arg || isNonNullType(a.type));
      const variables: Record<string, unknown> = {};
      for (const arg of sentArgs) variables[arg.name] = base(arg.type, arg.name, p.field.name);
      if (p.path.length === 0) variables[p.arg.name] = value;
      else {
        let holder = variables[p.arg.name] as Record<string | number, unknown>;
        for (const key of p.path.slice(0, -1)) {
          holder[key] ??= typeof key === 'number' ? [] : {};
          holder = holder[key] as Record<string | number, unknown>;
        }
        holder[p.path.at(-1)!] = value;
      }
      // A string given to the whole argument may be written inline, as a literal.
      const literal = inline && p.path.length === 0 && typeof value === 'string' ? p.arg.name : null;
      if (literal) delete variables[literal];
      const defs = sentArgs
        .filter((a) => a.name !== literal)
        .map((a) => `$${a.name}: ${a.type}`)
        .join(', ');
      const args = sentArgs
        .map((a) => `${a.name}: ${a.name === literal ? JSON.stringify(value) : `$${a.name}`}`)
        .join(', ');
      const selection = isLeafType(getNamedType(p.field.type)) ? '' : '{ __typename }';
      return {
        query: `${p.operation}${defs ? `(${defs})` : ''} { ${p.field.name}(${args}) ${selection} }`,
        variables,
        what: `${p.field.name}(${p.arg.name}${p.path.map((k) => `.${k}`).join('')})`,
      };
    }

    const all = positions();

    it('covers every root field with arguments', () => {
      const fields = new Set(all.map((p) => p.field.name));
      for (const name of [
        'node',
        'nodes',
        '_entities',
        'reconciliations',
        'sessionCreate',
        'reconciliationItemsAdd',
      ]) {
        expect(fields).toContain(name);
      }
      expect(all.length).toBeGreaterThan(60);
    });

    it('answers every hostile value at every position with a contract code, nothing of SQL or the values logged', async () => {
      let sent = 0;
      const problems: string[] = [];
      for (const p of all) {
        for (const value of hostile(p.type)) {
          const { query, variables, what } = requestFor(p, value);
          // Signed in as an ADMIN; every seventh anonymously.
          const token = sent++ % 7 === 0 ? null : admin;
          const answer = await send(query, variables, token);
          problems.push(...problemsOf(answer, `${what} = ${JSON.stringify(value)?.slice(0, 80)}`));
        }
      }
      expect(problems).toEqual([]);
      expect(sent).toBeGreaterThan(1000);
      expect(logs.filter((line) => line.includes(MARK) || SQL_TEXT.test(line))).toEqual([]);
    });

    it('answers arbitrary strings, lists and objects anywhere (property-based, seeded)', async () => {
      const value = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ unit: 'grapheme', maxLength: 40 }),
        fc.integer(),
        fc.double(),
        fc.constant(null),
        fc.jsonValue({ maxDepth: 4 }),
        fc.array(fc.string({ unit: 'binary', maxLength: 8 }), { maxLength: 5 }),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...all), value, fc.boolean(), async (p, v, literal) => {
          const { query, variables, what } = requestFor(p, v, literal);
          expectHandled(await send(query, variables), `${what} = ${JSON.stringify(v)}`);
        }),
        { seed: 20261202, numRuns: 400 },
      );
      expect(logs.filter((line) => SQL_TEXT.test(line))).toEqual([]);
    });
  });
});
