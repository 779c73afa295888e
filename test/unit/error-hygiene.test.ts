/** Production messages lose graphql-js' "Did you mean" suggestions. */
import { describe, expect, it } from 'vitest';
import { withoutValues } from '../../src/errors.js';
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

describe('withoutValues', () => {
  it("drops the client's value from graphql-js' variable errors, keeping the variable, path and reason", () => {
    const reason = 'Field "remember" is not defined by type "SessionCreateInput".';
    expect(
      withoutValues(`Variable "$i" got invalid value { password: "a; b at \\"x\\"" }; ${reason}`, reason),
    ).toBe(`Variable "$i" got an invalid value; ${reason}`);
    expect(
      withoutValues(
        'Variable "$i" got invalid value ["s3cret"] at "i.password"; String cannot represent a non string value: ["s3cret"]',
      ),
    ).toBe('Variable "$i" got an invalid value at "i.password"; String cannot represent a non string value');
    expect(withoutValues('Int cannot represent non-integer value: "s3cret"')).toBe(
      'Int cannot represent non-integer value',
    );
    expect(withoutValues('Variable "$i" got invalid value "s3cret"')).toBe(
      'Variable "$i" got an invalid value',
    );
    expect(withoutValues('Plain message.')).toBe('Plain message.');
  });
});
