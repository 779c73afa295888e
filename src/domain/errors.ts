/**
 * Expected failures of a write: returned as `userErrors` (src/domain/write.ts), and nothing is
 * written. The one `UserError` shape: the GraphQL `UserError` type (src/schema/refs.ts) maps it.
 */
export interface UserError {
  /** Path to the argument at fault, e.g. ["input", "amount"]; null when no one argument is. */
  field: string[] | null;
  message: string;
  code: string;
}

export class UserErrors extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

/** Stops the write with one user error. */
export function fail(code: string, message: string, field: string[] | null = null): never {
  throw new UserErrors([{ code, message, field }]);
}

/** Collects validation errors and throws them together. */
export class Checks {
  readonly errors: UserError[] = [];
  add(code: string, message: string, field: string[] | null) {
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
