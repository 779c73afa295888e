/**
 * The pure parts of the query metrics and the slow-query log: a statement's kind, the bounded
 * operation label, a statement as logged, which caller request ids are kept, and the Redis budget
 * carried by the request context.
 */
import { describe, expect, it } from 'vitest';
import { redisBudget } from '../../src/cache/redis.js';
import { OperationLabels, statementKind } from '../../src/metrics.js';
import {
  currentRequest,
  newRequest,
  type RequestInfo,
  requestContext,
  requestIdFrom,
} from '../../src/request-context.js';
import { normaliseStatement } from '../../src/slow-log.js';

describe('statementKind', () => {
  it('reads the first word, in any case, after any whitespace', () => {
    expect(statementKind('select 1')).toBe('select');
    expect(statementKind('\n   SELECT * from t')).toBe('select');
    expect(statementKind('insert into t values ($1)')).toBe('insert');
    expect(statementKind('Update t set a = $1')).toBe('update');
    expect(statementKind('delete from t')).toBe('delete');
    expect(statementKind('with x as (select 1) select * from x')).toBe('with');
    expect(statementKind('begin')).toBe('begin');
    expect(statementKind('commit;')).toBe('commit');
    expect(statementKind('rollback')).toBe('rollback');
  });

  it('is other for anything else, including longer words that start like a kind', () => {
    for (const text of [
      '',
      '   ',
      'selected',
      'selects 1',
      'updates',
      'withdraw',
      'explain select 1',
      '(select 1)',
      'select_1',
      'vacuum',
      'rollbackx',
    ])
      expect(statementKind(text), text).toBe('other');
  });
});

describe('OperationLabels', () => {
  const request = (operationName: string | null): RequestInfo => ({
    id: 'r',
    operationName,
    statements: 0,
    signedIn: true,
    cache: null,
    database: null,
    redisBudget: null,
  });

  it('names the first max operations, folds later ones into other, keeps the first ones', () => {
    const labels = new OperationLabels(2);
    expect(labels.of(request('A'))).toBe('A');
    expect(labels.of(request('B'))).toBe('B');
    expect(labels.of(request('C'))).toBe('other');
    expect(labels.of(request('A'))).toBe('A');
    expect(labels.of(request('C'))).toBe('other');
  });

  it('gives a new label only to a signed-in request; a known one is kept for anyone', () => {
    const labels = new OperationLabels(10);
    const anonymous = { ...request('Invented'), signedIn: false };
    expect(labels.of(anonymous)).toBe('other');
    expect(labels.of(request('Invented'))).toBe('Invented');
    expect(labels.of(anonymous)).toBe('Invented');
  });

  it('anonymous without a name, none outside a request, other for an overlong name', () => {
    const labels = new OperationLabels(10);
    expect(labels.of(request(null))).toBe('anonymous');
    expect(labels.of(undefined)).toBe('none');
    expect(labels.of(request('x'.repeat(101)))).toBe('other');
    expect(labels.of(request('x'.repeat(100)))).toBe('x'.repeat(100));
  });
});

describe('normaliseStatement', () => {
  it('collapses whitespace to single spaces and trims', () => {
    expect(normaliseStatement('\n  select a,\n\t b\n  from   t where id = $1  ')).toBe(
      'select a, b from t where id = $1',
    );
  });

  it('cuts a long statement', () => {
    const long = `select ${'x, '.repeat(5000)}1`;
    const out = normaliseStatement(long);
    expect(out.length).toBe(2001);
    expect(out.endsWith('…')).toBe(true);
  });
});

describe('requestIdFrom', () => {
  it('keeps a plain token of at most 128 characters', () => {
    for (const id of ['abc', 'a.b:c-d_e', 'A'.repeat(128), '0f8fad5b-d9cb-469f-a165-70867728950e'])
      expect(requestIdFrom(id)).toBe(id);
  });

  it('replaces anything else with a new uuid', () => {
    for (const id of [undefined, null, '', 'A'.repeat(129), 'a b', 'a\nb', 'a,b', 'é', '"x"']) {
      const got = requestIdFrom(id);
      expect(got, String(id)).not.toBe(id);
      expect(got).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});

describe('the Redis budget in the request context', () => {
  it('is a new one of redisBudgetMs, else the enclosing scope’s, else none', async () => {
    expect(newRequest(null, 250).redisBudget).toEqual({ spentMs: 0, limitMs: 250 });
    expect(newRequest(null).redisBudget).toBeNull();
    const budget = { spentMs: 0, limitMs: 100 };
    await redisBudget.run(budget, async () => {
      await Promise.resolve();
      expect(redisBudget.getStore()).toBe(budget);
      // a request started inside the scope (a test's app.fetch) keeps its budget
      expect(newRequest('x').redisBudget).toBe(budget);
      expect(newRequest('x', 250).redisBudget).toEqual({ spentMs: 0, limitMs: 250 });
      await requestContext.run(newRequest('inner'), async () => {
        await Promise.resolve();
        expect(redisBudget.getStore()).toBe(budget);
        expect(currentRequest()?.id).toBe('inner');
      });
      // exit: no request and no budget (the breaker's probes, the cache's retries)
      redisBudget.exit(() => {
        expect(redisBudget.getStore()).toBeUndefined();
        expect(currentRequest()).toBeUndefined();
      });
    });
    expect(redisBudget.getStore()).toBeUndefined();
  });
});
