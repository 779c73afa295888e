/**
 * Review of the operation label (src/metrics.ts): `none`, `anonymous` and `other` have a meaning
 * of their own (no request, no name, folded), so a client naming its operation so must not pass
 * its statements off as one of them, nor spend a slot on it.
 */
import { describe, expect, it } from 'vitest';
import { OperationLabels } from '../../src/metrics.js';
import type { RequestInfo } from '../../src/request-context.js';

const request = (operationName: string | null): RequestInfo => ({
  id: 'r',
  operationName,
  statements: 0,
  signedIn: true,
  cache: null,
  database: null,
  redisBudget: null,
});

describe('OperationLabels and the reserved labels', () => {
  it('gives a client operation named none or anonymous the label other, and no slot', () => {
    const labels = new OperationLabels(1);
    expect(labels.of(request('none'))).toBe('other');
    expect(labels.of(request('anonymous'))).toBe('other');
    expect(labels.of(request('other'))).toBe('other');
    // The one slot is still free for a real name.
    expect(labels.of(request('Dashboard'))).toBe('Dashboard');
  });
});
