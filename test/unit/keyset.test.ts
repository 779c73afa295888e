/**
 * Keyset planning: page sizes, the direction of each cursor condition and of the order, the
 * parameters a cursor becomes, refusals, and the page made from the fetched rows. SQL text is kept
 * as inline snapshots (regenerate with -u when the loaders' column naming changes); the assertions
 * that matter are on parameters and structure.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PAGE_SIZE,
  encodeCursor,
  MAX_PAGE_SIZE,
  type Ordering,
  type PagePlan,
  planPage,
  toConnection,
  toPage,
} from '../../src/loaders/keyset.js';
import { projectOrdering } from '../../src/loaders/project.js';
import { reconciliationOrdering } from '../../src/loaders/reconciliation.js';
import { itemOrdering } from '../../src/loaders/reconciliation-item.js';
import { refusal, render, SEEDED } from './helpers.js';

const ID = '0b7a3c2e-5d4f-4a1b-9c8d-7e6f5a4b3c2d';
const OTHER_ID = 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b';
const AT = '2026-11-28T12:00:00.123456Z';

const newestFirst = reconciliationOrdering(); // reconciliations:CREATED_AT:DESC
const oldestFirst = itemOrdering; // items:CREATED_AT:ASC
const byAmount = reconciliationOrdering({ field: 'AMOUNT', direction: 'ASC' });
/** No list orders by an integer yet; the kind is part of the contract, so it is tested on a copy. */
const byPosition: Ordering = {
  ...itemOrdering,
  name: 'test:POSITION:ASC',
  field: 'position',
  kind: 'integer',
};

/** A cursor as encodeCursor writes it, for any name, value and id (to forge bad ones). */
const rawCursor = (parts: unknown) => Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
const cursorAt = (ordering: Ordering, value: string, id = ID) =>
  encodeCursor(ordering, { id, [ordering.field]: value } as { id: string });

/** The plan with its SQL rendered: texts for the snapshot, parameters per condition. */
const rendered = (plan: PagePlan) => ({
  conditions: plan.conditions.map(render),
  orderBy: render(plan.orderBy).sql,
  limit: plan.limit,
  backward: plan.backward,
  pageSize: plan.pageSize,
});

describe('planPage: page size', () => {
  it('defaults to DEFAULT_PAGE_SIZE forward and fetches one row more', () => {
    for (const args of [{}, { first: null, last: null }, { first: undefined }]) {
      const plan = planPage(newestFirst, args);
      expect(plan).toMatchObject({
        pageSize: DEFAULT_PAGE_SIZE,
        limit: DEFAULT_PAGE_SIZE + 1,
        backward: false,
      });
      expect(plan.conditions).toEqual([]);
    }
  });

  it('takes first or last from 0 to MAX_PAGE_SIZE; last reads backward', () => {
    for (const n of [0, 1, 37, MAX_PAGE_SIZE]) {
      expect(planPage(newestFirst, { first: n })).toMatchObject({
        pageSize: n,
        limit: n + 1,
        backward: false,
      });
      expect(planPage(newestFirst, { last: n })).toMatchObject({ pageSize: n, limit: n + 1, backward: true });
    }
  });

  it.each([
    ['first', -1],
    ['first', MAX_PAGE_SIZE + 1],
    ['first', 1.5],
    ['first', Number.NaN],
    ['last', -1],
    ['last', MAX_PAGE_SIZE + 1],
    ['last', 2 ** 31],
  ])('refuses %s: %s as BAD_USER_INPUT naming the argument', (arg, n) => {
    const r = refusal(() => planPage(newestFirst, { [arg]: n }));
    expect(r).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: arg } });
    expect(r?.message).toBe(`"${arg}" must be between 0 and ${MAX_PAGE_SIZE}, got ${n}`);
  });

  it('refuses first and last together, even when both are 0', () => {
    for (const [first, last] of [
      [1, 1],
      [0, 0],
      [MAX_PAGE_SIZE, 1],
    ]) {
      expect(refusal(() => planPage(newestFirst, { first, last }))).toMatchObject({
        code: 'BAD_USER_INPUT',
        message: 'Pass "first" or "last", not both',
        extensions: { argument: 'last' },
      });
    }
  });
});

describe('planPage: cursors and order', () => {
  const after = cursorAt(newestFirst, AT);
  const before = cursorAt(newestFirst, '2026-01-01T00:00:00.000000Z', OTHER_ID);

  it('binds a cursor as (value, id) parameters, never as text', () => {
    const plan = rendered(planPage(newestFirst, { first: 5, after }));
    expect(plan.conditions).toHaveLength(1);
    expect(plan.conditions[0]!.params).toEqual([AT, ID]);
    expect(plan.conditions[0]!.sql).not.toContain(AT);
    expect(plan.conditions[0]!.sql).not.toContain(ID);
  });

  it('after and before together: two conditions, after first', () => {
    const plan = rendered(planPage(newestFirst, { first: 5, after, before }));
    expect(plan.conditions.map((c) => c.params)).toEqual([
      [AT, ID],
      ['2026-01-01T00:00:00.000000Z', OTHER_ID],
    ]);
  });

  it('the comparison and the order follow the list direction, reversed for last', () => {
    // One row per combination, so a change of direction anywhere is one visible line.
    const table = Object.fromEntries(
      [newestFirst, oldestFirst].flatMap((ordering) => {
        const a = cursorAt(ordering, AT);
        const b = cursorAt(ordering, AT, OTHER_ID);
        return [
          [`${ordering.name} first after`, planPage(ordering, { first: 2, after: a })],
          [`${ordering.name} first before`, planPage(ordering, { first: 2, before: b })],
          [`${ordering.name} last before`, planPage(ordering, { last: 2, before: b })],
          [`${ordering.name} last after`, planPage(ordering, { last: 2, after: a })],
        ].map(([name, plan]) => {
          const r = rendered(plan as PagePlan);
          return [name, `where ${r.conditions.map((c) => c.sql).join(' and ')} order by ${r.orderBy}`];
        });
      }),
    );
    expect(table).toMatchInlineSnapshot(`
      {
        "items:CREATED_AT:ASC first after": "where ("x"."created_at", "x"."id") > ($1::timestamptz, $2::uuid) order by "x"."created_at" asc, "x"."id" asc",
        "items:CREATED_AT:ASC first before": "where ("x"."created_at", "x"."id") < ($1::timestamptz, $2::uuid) order by "x"."created_at" asc, "x"."id" asc",
        "items:CREATED_AT:ASC last after": "where ("x"."created_at", "x"."id") > ($1::timestamptz, $2::uuid) order by "x"."created_at" desc, "x"."id" desc",
        "items:CREATED_AT:ASC last before": "where ("x"."created_at", "x"."id") < ($1::timestamptz, $2::uuid) order by "x"."created_at" desc, "x"."id" desc",
        "reconciliations:CREATED_AT:DESC first after": "where ("x"."created_at", "x"."id") < ($1::timestamptz, $2::uuid) order by "x"."created_at" desc, "x"."id" desc",
        "reconciliations:CREATED_AT:DESC first before": "where ("x"."created_at", "x"."id") > ($1::timestamptz, $2::uuid) order by "x"."created_at" desc, "x"."id" desc",
        "reconciliations:CREATED_AT:DESC last after": "where ("x"."created_at", "x"."id") < ($1::timestamptz, $2::uuid) order by "x"."created_at" asc, "x"."id" asc",
        "reconciliations:CREATED_AT:DESC last before": "where ("x"."created_at", "x"."id") > ($1::timestamptz, $2::uuid) order by "x"."created_at" asc, "x"."id" asc",
      }
    `);
  });

  it('the operators agree with the order: after is further along the fetch order, before is behind it', () => {
    // Checked on the rendered text: the comparison's operator against the order's direction.
    const op = (plan: PagePlan) => /\) ([<>]) \(/.exec(render(plan.conditions[0]!).sql)?.[1];
    const dir = (plan: PagePlan) => / (asc|desc)$/.exec(render(plan.orderBy).sql)?.[1];
    for (const ordering of [newestFirst, oldestFirst, byAmount]) {
      const c = cursorAt(ordering, ordering.kind === 'decimal' ? '12.50' : AT);
      const forward = planPage(ordering, { first: 1, after: c });
      const backward = planPage(ordering, { last: 1, before: c });
      expect(dir(forward)).toBe(ordering.direction);
      expect(op(forward)).toBe(ordering.direction === 'desc' ? '<' : '>');
      expect(dir(backward)).toBe(ordering.direction === 'desc' ? 'asc' : 'desc');
      expect(op(backward)).toBe(ordering.direction === 'desc' ? '>' : '<');
    }
  });

  it('casts the cursor value to its column kind', () => {
    const casts = [newestFirst, byAmount, byPosition].map((ordering) => {
      const value = { timestamp: AT, decimal: '-12.5', integer: '42' }[ordering.kind];
      const plan = planPage(ordering, { after: cursorAt(ordering, value) });
      return /\(\$1::(\w+), \$2::uuid\)/.exec(render(plan.conditions[0]!).sql)?.[1];
    });
    expect(casts).toEqual(['timestamptz', 'numeric', 'int']);
  });

  it('an empty cursor string is no cursor', () => {
    expect(planPage(newestFirst, { after: '', before: '' }).conditions).toEqual([]);
    expect(planPage(newestFirst, { after: null, before: undefined }).conditions).toEqual([]);
  });

  it('any valid sort value and id round-trip through a cursor into the parameters', () => {
    const uuid = fc.uuid().map((u) => u.toLowerCase());
    const timestamp = fc
      .tuple(
        fc.date({
          min: new Date('0001-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(([d, micros]) => `${d.toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}Z`);
    const decimal = fc
      .tuple(
        fc.boolean(),
        fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }),
        fc.option(fc.stringMatching(/^\d{1,6}$/)),
      )
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`);
    const integer = fc.integer({ min: -(2 ** 31 - 1), max: 2 ** 31 - 1 }).map(String);
    for (const [ordering, values] of [
      [newestFirst, timestamp],
      [byAmount, decimal],
      [byPosition, integer],
    ] as const) {
      fc.assert(
        fc.property(values, uuid, fc.boolean(), (value, id, forward) => {
          const cursor = cursorAt(ordering, value, id);
          const plan = planPage(ordering, forward ? { after: cursor } : { last: 3, before: cursor });
          expect(render(plan.conditions[0]!).params).toEqual([value, id]);
        }),
        SEEDED,
      );
    }
  });
});

describe('planPage: refused cursors', () => {
  const code = (ordering: Ordering, cursor: string, arg: 'after' | 'before' = 'after') =>
    refusal(() => planPage(ordering, { [arg]: cursor }));

  it('a cursor from another list, field or direction', () => {
    const fromProjects = cursorAt(projectOrdering(), AT);
    const fromUpdatedAt = cursorAt(reconciliationOrdering({ field: 'UPDATED_AT' }), AT);
    const fromAscending = cursorAt(reconciliationOrdering({ direction: 'ASC' }), AT);
    for (const cursor of [fromProjects, fromUpdatedAt, fromAscending]) {
      for (const arg of ['after', 'before'] as const) {
        expect(code(newestFirst, cursor, arg)).toEqual({
          code: 'BAD_USER_INPUT',
          message: `The cursor in "${arg}" belongs to another list or ordering`,
          extensions: { code: 'BAD_USER_INPUT', argument: arg },
        });
      }
    }
    // The same value under the list's own name is accepted: only the name differs.
    expect(code(newestFirst, cursorAt(newestFirst, AT))).toBeNull();
  });

  it.each([
    ['not base64 JSON', 'not a cursor'],
    ['empty JSON array', rawCursor([])],
    ['two parts', rawCursor(['reconciliations:CREATED_AT:DESC', AT])],
    ['four parts', rawCursor(['reconciliations:CREATED_AT:DESC', AT, ID, 'x'])],
    ['a number as value', rawCursor(['reconciliations:CREATED_AT:DESC', 1, ID])],
    ['null id', rawCursor(['reconciliations:CREATED_AT:DESC', AT, null])],
    ['an object', rawCursor({ name: 'reconciliations:CREATED_AT:DESC', value: AT, id: ID })],
    ['an uppercase id', rawCursor(['reconciliations:CREATED_AT:DESC', AT, ID.toUpperCase()])],
    ['milliseconds only', rawCursor(['reconciliations:CREATED_AT:DESC', '2026-11-28T12:00:00.123Z', ID])],
    ['an offset', rawCursor(['reconciliations:CREATED_AT:DESC', '2026-11-28T12:00:00.123456+00:00', ID])],
    ['SQL in the value', rawCursor(['reconciliations:CREATED_AT:DESC', `${AT}'); drop table x; --`, ID])],
  ])('%s', (_, cursor) => {
    for (const arg of ['after', 'before'] as const) {
      expect(code(newestFirst, cursor, arg)).toEqual({
        code: 'BAD_USER_INPUT',
        message: `Invalid cursor in "${arg}"`,
        extensions: { code: 'BAD_USER_INPUT', argument: arg },
      });
    }
  });

  it('decimal and integer values outside what their column holds', () => {
    for (const value of ['1e3', '1.', '.5', '+1', '1.1234567', '1'.repeat(21), ' 1', '0x10']) {
      expect(code(byAmount, cursorAt(byAmount, value))?.message, value).toBe('Invalid cursor in "after"');
    }
    expect(code(byPosition, cursorAt(byPosition, String(2 ** 31 - 1)))).toBeNull();
    expect(code(byPosition, cursorAt(byPosition, String(-(2 ** 31 - 1))))).toBeNull();
    for (const value of [String(2 ** 31), '12345678901', '1.0', '']) {
      expect(code(byPosition, cursorAt(byPosition, value))?.code, value).toBe('BAD_USER_INPUT');
    }
  });

  it('whatever the client sends as a cursor, the answer is a plan or BAD_USER_INPUT', () => {
    const anyCursor = fc.oneof(
      fc.string(),
      fc.base64String(),
      fc.jsonValue().map(rawCursor),
      fc.tuple(fc.constant(newestFirst.name), fc.string(), fc.oneof(fc.uuid(), fc.string())).map(rawCursor),
    );
    fc.assert(
      fc.property(anyCursor, (cursor) => {
        const r = refusal(() => planPage(newestFirst, { after: cursor, before: cursor }));
        expect(r === null || r.code === 'BAD_USER_INPUT').toBe(true);
      }),
      SEEDED,
    );
  });
});

describe('toPage and toConnection', () => {
  const rows = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      createdAt: `2026-11-28T12:00:${String(i).padStart(2, '0')}.000000Z`,
    }));

  it('forward: the extra row means a next page; a previous page exists when "after" was given', () => {
    const plan = planPage(newestFirst, { first: 3 });
    expect(toPage(plan, { first: 3 }, rows(4))).toEqual({
      rows: rows(3),
      hasNextPage: true,
      hasPreviousPage: false,
    });
    expect(toPage(plan, { first: 3 }, rows(3))).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
    const after = cursorAt(newestFirst, AT);
    expect(toPage(plan, { first: 3, after }, rows(2))).toEqual({
      rows: rows(2),
      hasNextPage: false,
      hasPreviousPage: true,
    });
  });

  it('backward: rows come back in list order; the extra row means a previous page', () => {
    const plan = planPage(newestFirst, { last: 3 });
    const fetched = rows(4).reverse(); // fetched in reverse, the extra row last
    expect(toPage(plan, { last: 3 }, fetched)).toEqual({
      rows: rows(4).slice(1),
      hasNextPage: false,
      hasPreviousPage: true,
    });
    const before = cursorAt(newestFirst, AT);
    expect(toPage(plan, { last: 3, before }, rows(2).reverse())).toEqual({
      rows: rows(2),
      hasNextPage: true,
      hasPreviousPage: false,
    });
  });

  it('a page of 0 still tells whether rows exist beyond it', () => {
    const plan = planPage(newestFirst, { first: 0 });
    expect(toPage(plan, { first: 0 }, rows(1))).toEqual({
      rows: [],
      hasNextPage: true,
      hasPreviousPage: false,
    });
    expect(toPage(plan, { first: 0 }, [])).toEqual({ rows: [], hasNextPage: false, hasPreviousPage: false });
  });

  it('edge cursors lead to the next page: after the end cursor plans from the last row', () => {
    const page = toPage(planPage(newestFirst, { first: 2 }), { first: 2 }, rows(3));
    const connection = toConnection(newestFirst, page, async () => 3);
    expect(connection.edges.map((e) => e.node)).toEqual(rows(2));
    expect(connection.pageInfo.startCursor).toBe(connection.edges[0]!.cursor);
    expect(connection.pageInfo.endCursor).toBe(connection.edges[1]!.cursor);
    const next = planPage(newestFirst, { first: 2, after: connection.pageInfo.endCursor! });
    expect(render(next.conditions[0]!).params).toEqual([rows(2)[1]!.createdAt, rows(2)[1]!.id]);
  });

  it('an empty page has null cursors', async () => {
    const connection = toConnection(
      newestFirst,
      { rows: [], hasNextPage: false, hasPreviousPage: false },
      async () => 0,
    );
    expect(connection.pageInfo).toMatchObject({ startCursor: null, endCursor: null });
    expect(connection.edges).toEqual([]);
    await expect(connection.totalCount()).resolves.toBe(0);
  });
});
