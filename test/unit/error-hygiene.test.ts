/** Production messages lose graphql-js' "Did you mean" suggestions. */
import { describe, expect, it } from 'vitest';
import { withoutSuggestion } from '../../src/schema/error-hygiene.js';

describe('withoutSuggestion', () => {
  it("drops graphql-js' trailing suggestion", () => {
    expect(withoutSuggestion('Cannot query field "nam" on type "Project". Did you mean "name"?')).toBe(
      'Cannot query field "nam" on type "Project".',
    );
    expect(
      withoutSuggestion(
        'Value "PEND" does not exist in "ReconciliationStatus" enum. Did you mean the enum value "PENDING"?',
      ),
    ).toBe('Value "PEND" does not exist in "ReconciliationStatus" enum.');
    expect(withoutSuggestion('Plain message.')).toBe('Plain message.');
  });
});
