/**
 * Expected failures of a write: returned as `userErrors` (src/domain/write.ts), and nothing is
 * written. The one `UserError` shape: the GraphQL `UserError` type (src/schema/refs.ts) maps it.
 */
export interface UserError {
  /** Path to the argument at fault, e.g. ["input", "amount"]; null when no one argument is. */
  field: string[] | null;
  message: string;
  code: UserErrorCode;
}

/**
 * Every code a user error may carry, with what it means: the GraphQL enum `UserErrorCode`
 * (src/schema/refs.ts) is made from this table, so a code missing here fails to type-check.
 */
export const USER_ERROR_CODES = {
  REQUIRED: 'A required field is missing, or null where a value must stay.',
  BLANK: 'A name, reference or reason is empty or only whitespace.',
  TOO_LONG: 'A text is longer than its field allows.',
  NEGATIVE_AMOUNT: 'An amount or tolerance is negative.',
  INVALID_AMOUNT: 'An amount has more decimals than its currency has (EUR 2, JPY 0, KWD 3).',
  UNKNOWN_CURRENCY: 'Not an ISO 4217 currency code.',
  INVALID_JSON: 'Not a JSON object, or one too large.',
  INVALID_ID: 'A global id that is malformed or of another type than the argument takes.',
  NOT_FOUND: "No such object in your organization (another organization's object is answered the same).",
  DUPLICATE_REFERENCE: 'The project already has a reconciliation with this reference.',
  PROJECT_ARCHIVED: 'The project is archived: it takes no writes but projectUnarchive.',
  NO_ITEMS: 'reconciliationItemsAdd was given no items.',
  TOO_MANY_ITEMS: 'reconciliationItemsAdd was given more items than one call takes.',
  OUT_OF_RANGE: 'A number outside its allowed range (dateWindowDays).',
  IMMUTABLE: "A field that cannot change after creation (a rule's projectId).",
  INVALID_CREDENTIALS: 'The email or password is incorrect.',
  BUSY: 'The write gave up waiting (rows locked by another request, a deadlock, the statement timeout, or no pooled connection free): nothing was written, retry.',
} as const satisfies Record<string, string>;

export type UserErrorCode = keyof typeof USER_ERROR_CODES;

export class UserErrors extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

/** Stops the write with one user error. */
export function fail(code: UserErrorCode, message: string, field: string[] | null = null): never {
  throw new UserErrors([{ code, message, field }]);
}

/** Collects validation errors and throws them together. */
export class Checks {
  readonly errors: UserError[] = [];
  add(code: UserErrorCode, message: string, field: string[] | null) {
    this.errors.push({ code, message, field });
  }
  throwIfAny() {
    if (this.errors.length) throw new UserErrors(this.errors);
  }
}

export function notFound(type: string, field: string[]): never {
  // Another organization's object is answered exactly like a missing one.
  throw new UserErrors([{ code: 'NOT_FOUND', message: `${type} not found`, field }]);
}
