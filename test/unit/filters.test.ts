/**
 * List filters: which condition each field adds, that every value is a bound parameter (LIKE
 * wildcards escaped), and the caps on text and metadata. The SQL text is kept in one inline
 * snapshot per entity (regenerate with -u when the loaders' column naming changes).
 */

import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeLike } from '../../src/db/sql.js';
import { auditLogConditions } from '../../src/loaders/audit-log.js';
import { FILTER_LIMITS } from '../../src/loaders/filters.js';
import { projectConditions } from '../../src/loaders/project.js';
import { reconciliationConditions } from '../../src/loaders/reconciliation.js';
import { refusal, render, SEEDED } from './helpers.js';

const PROJECT = '0b7a3c2e-5d4f-4a1b-9c8d-7e6f5a4b3c2d';
const USER = 'f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b';

/** The conditions as one `where` clause and its parameters. */
const where = (conditions: ReturnType<typeof reconciliationConditions>) =>
  conditions.length ? render(sql.join(conditions, sql` and `)) : null;
/** The parameters of the conditions, one list per condition. */
const paramsOf = (conditions: ReturnType<typeof reconciliationConditions>) =>
  conditions.map((c) => render(c).params);

/** The operator a one-field filter compares with (independent of how columns are named). */
const operatorOf = (conditions: ReturnType<typeof reconciliationConditions>) =>
  / (=|>=|<=|>|<|like|ilike|@>|= any) ?\(?\$1\b/.exec(render(conditions[0]!).sql)?.[1];

describe('reconciliation filter', () => {
  it('no filter, or an empty one, adds nothing', () => {
    expect(reconciliationConditions(null)).toEqual([]);
    expect(reconciliationConditions(undefined)).toEqual([]);
    expect(reconciliationConditions({})).toEqual([]);
    expect(
      reconciliationConditions({
        projectId: null,
        status: null,
        createdAfter: null,
        createdBefore: null,
        reference: '',
        metadata: null,
        minAmount: null,
        maxAmount: null,
      }),
    ).toEqual([]);
  });

  it('each field adds one condition with its value as a parameter', () => {
    const cases: [Parameters<typeof reconciliationConditions>[0], unknown[]][] = [
      [{ projectId: PROJECT }, [PROJECT]],
      [{ status: ['pending', 'matched'] }, ['{"pending","matched"}']],
      [{ createdAfter: '2026-01-01T00:00:00.000Z' }, ['2026-01-01T00:00:00.000Z']],
      [{ createdBefore: '2026-02-01T00:00:00.000Z' }, ['2026-02-01T00:00:00.000Z']],
      [{ reference: 'INV-' }, ['INV-%']],
      [{ metadata: { source: 'bank', n: 1 } }, ['{"source":"bank","n":1}']],
      [{ minAmount: '10.00' }, ['10.00']],
      [{ maxAmount: '-0.50' }, ['-0.50']],
    ];
    for (const [filter, params] of cases) {
      expect(paramsOf(reconciliationConditions(filter)), JSON.stringify(filter)).toEqual([params]);
    }
  });

  it('compares with the operator its name says: after/before exclusive, min/max inclusive', () => {
    expect({
      projectId: operatorOf(reconciliationConditions({ projectId: PROJECT })),
      status: operatorOf(reconciliationConditions({ status: ['pending'] })),
      createdAfter: operatorOf(reconciliationConditions({ createdAfter: '2026-01-01T00:00:00Z' })),
      createdBefore: operatorOf(reconciliationConditions({ createdBefore: '2026-01-01T00:00:00Z' })),
      reference: operatorOf(reconciliationConditions({ reference: 'a' })),
      metadata: operatorOf(reconciliationConditions({ metadata: { a: 1 } })),
      minAmount: operatorOf(reconciliationConditions({ minAmount: '1' })),
      maxAmount: operatorOf(reconciliationConditions({ maxAmount: '1' })),
    }).toEqual({
      projectId: '=',
      status: '= any',
      createdAfter: '>',
      createdBefore: '<',
      reference: 'like',
      metadata: '@>',
      minAmount: '>=',
      maxAmount: '<=',
    });
  });

  it('an empty status list is kept: it matches no row, rather than every row', () => {
    expect(paramsOf(reconciliationConditions({ status: [] }))).toEqual([['{}']]);
  });

  it('all fields together: one condition each, in a fixed order', () => {
    const all = where(
      reconciliationConditions({
        projectId: PROJECT,
        status: ['pending'],
        createdAfter: '2026-01-01T00:00:00.000Z',
        createdBefore: '2026-02-01T00:00:00.000Z',
        reference: 'INV',
        metadata: { a: 1 },
        minAmount: '1.00',
        maxAmount: '2.00',
      }),
    );
    expect(all?.params).toEqual([
      PROJECT,
      '{"pending"}',
      '2026-01-01T00:00:00.000Z',
      '2026-02-01T00:00:00.000Z',
      'INV%',
      '{"a":1}',
      '1.00',
      '2.00',
    ]);
    expect(all?.sql).toMatchInlineSnapshot(
      `""x"."project_id" = $1::uuid and "x"."status" = any($2::"reconciliation_status"[]) and "x"."created_at" > $3::timestamptz and "x"."created_at" < $4::timestamptz and "x"."reference" like $5 and "x"."metadata" @> $6::jsonb and "x"."amount" >= $7::numeric and "x"."amount" <= $8::numeric"`,
    );
  });

  it('values reach SQL only as parameters', () => {
    const hostile = `x'); drop table reconciliations; --`;
    const built = where(
      reconciliationConditions({
        projectId: hostile,
        status: [hostile as 'pending'],
        createdAfter: hostile,
        reference: hostile,
        metadata: { [hostile]: hostile },
        minAmount: hostile,
      }),
    );
    expect(built?.sql).not.toContain('drop table');
    expect(built?.params).toHaveLength(6);
  });

  it('reference: a prefix match with LIKE wildcards and backslashes escaped', () => {
    expect(paramsOf(reconciliationConditions({ reference: '50%_off\\' }))).toEqual([['50\\%\\_off\\\\%']]);
  });

  it('reference: at most FILTER_LIMITS.text characters, counted before escaping', () => {
    const max = '%'.repeat(FILTER_LIMITS.text);
    expect(paramsOf(reconciliationConditions({ reference: max }))[0]![0]).toHaveLength(
      2 * FILTER_LIMITS.text + 1,
    );
    expect(refusal(() => reconciliationConditions({ reference: `${max}a` }))).toEqual({
      code: 'BAD_USER_INPUT',
      message: `"filter.reference" must be at most ${FILTER_LIMITS.text} characters`,
      extensions: { code: 'BAD_USER_INPUT', argument: 'filter.reference' },
    });
  });

  it.each([
    ['an array', [1, 2]],
    ['a string', '{"a":1}'],
    ['a number', 1],
    ['a boolean', false],
  ])('metadata: %s is refused', (_, metadata) => {
    expect(refusal(() => reconciliationConditions({ metadata }))).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"filter.metadata" must be a JSON object',
      extensions: { code: 'BAD_USER_INPUT', argument: 'filter.metadata' },
    });
  });

  it('metadata: at most FILTER_LIMITS.metadataBytes bytes of JSON, counted in UTF-8 bytes', () => {
    // {"k":"..."} is 8 bytes around the value.
    const ofBytes = (n: number, char = 'a') => ({ k: char.repeat((n - 8) / Buffer.byteLength(char)) });
    expect(Buffer.byteLength(JSON.stringify(ofBytes(FILTER_LIMITS.metadataBytes)))).toBe(
      FILTER_LIMITS.metadataBytes,
    );
    expect(reconciliationConditions({ metadata: ofBytes(FILTER_LIMITS.metadataBytes) })).toHaveLength(1);
    expect(
      refusal(() => reconciliationConditions({ metadata: ofBytes(FILTER_LIMITS.metadataBytes + 2) })),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      message: `"filter.metadata" must be at most ${FILTER_LIMITS.metadataBytes} bytes of JSON`,
      extensions: { code: 'BAD_USER_INPUT', argument: 'filter.metadata' },
    });
    // 2,048 two-byte characters are fewer than 4,096 characters but more than 4,096 bytes.
    const wide = ofBytes(FILTER_LIMITS.metadataBytes + 2, 'é');
    expect(JSON.stringify(wide).length).toBeLessThan(FILTER_LIMITS.metadataBytes);
    expect(refusal(() => reconciliationConditions({ metadata: wide }))?.code).toBe('BAD_USER_INPUT');
  });

  it('an empty metadata object is a condition (contains {}), not no condition', () => {
    expect(paramsOf(reconciliationConditions({ metadata: {} }))).toEqual([['{}']]);
  });
});

describe('project filter', () => {
  it('archived false is a condition; null and undefined are none', () => {
    expect(paramsOf(projectConditions({ archived: false }))).toEqual([[false]]);
    expect(paramsOf(projectConditions({ archived: true }))).toEqual([[true]]);
    expect(projectConditions({ archived: null, search: null })).toEqual([]);
    expect(projectConditions({ search: '' })).toEqual([]);
    expect(projectConditions(null)).toEqual([]);
  });

  it('search: a substring match, wildcards escaped, capped like the other texts', () => {
    expect(paramsOf(projectConditions({ search: 'a_b%' }))).toEqual([['%a\\_b\\%%']]);
    expect(operatorOf(projectConditions({ search: 'a' }))).toBe('ilike');
    const both = where(projectConditions({ archived: false, search: 'Q4' }));
    expect(both?.params).toEqual([false, '%Q4%']);
    expect(both?.sql).toMatchInlineSnapshot(`""x"."archived" = $1 and "x"."name" ilike $2"`);
    expect(refusal(() => projectConditions({ search: 'x'.repeat(FILTER_LIMITS.text + 1) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { argument: 'filter.search' },
    });
    expect(projectConditions({ search: 'x'.repeat(FILTER_LIMITS.text) })).toHaveLength(1);
  });
});

describe('audit log filter', () => {
  it('each field adds one condition; since is inclusive and until exclusive', () => {
    const all = where(
      auditLogConditions({
        userId: USER,
        action: 'project.create',
        entityId: PROJECT,
        since: '2026-01-01T00:00:00.000Z',
        until: '2026-02-01T00:00:00.000Z',
      }),
    );
    expect(all?.params).toEqual([
      USER,
      'project.create',
      PROJECT,
      '2026-01-01T00:00:00.000Z',
      '2026-02-01T00:00:00.000Z',
    ]);
    expect(all?.sql).toMatchInlineSnapshot(
      `""x"."user_id" = $1::uuid and "x"."action" = $2 and "x"."entity_id" = $3::uuid and "x"."created_at" >= $4::timestamptz and "x"."created_at" < $5::timestamptz"`,
    );
    expect(operatorOf(auditLogConditions({ since: '2026-01-01T00:00:00.000Z' }))).toBe('>=');
    expect(operatorOf(auditLogConditions({ until: '2026-01-01T00:00:00.000Z' }))).toBe('<');
    expect(operatorOf(auditLogConditions({ userId: USER }))).toBe('=');
    expect(auditLogConditions({})).toEqual([]);
    expect(auditLogConditions(undefined)).toEqual([]);
  });

  it('action is an exact match (no wildcards) and capped', () => {
    expect(paramsOf(auditLogConditions({ action: 'a%' }))).toEqual([['a%']]);
    expect(refusal(() => auditLogConditions({ action: 'a'.repeat(FILTER_LIMITS.text + 1) }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      extensions: { argument: 'filter.action' },
    });
  });
});

describe('escapeLike', () => {
  it('unescaping gives back the text, and no wildcard is left unescaped', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 50 }), (text) => {
        const escaped = escapeLike(text);
        expect(escaped.replace(/\\(.)/gs, '$1')).toBe(text);
        // Removing escaped pairs leaves no %, _ or lone backslash.
        expect(escaped.replace(/\\[\\%_]/g, '')).not.toMatch(/[\\%_]/);
      }),
      SEEDED,
    );
  });
});
