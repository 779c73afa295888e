/**
 * What every list filter shares. Each entity's filter (src/loaders/<entity>.ts) turns its arguments
 * into SQL conditions on alias `x`, every value a bound parameter, through the caps below.
 */
import { badInput } from '../errors.js';

/**
 * Filter values are matched against every row (a `like` pattern, a `@>` containment): a value of
 * megabytes ties PostgreSQL up for seconds, so they are capped here, where every list query's
 * filter passes before its SQL is written.
 */
export const FILTER_LIMITS = { text: 200, metadataBytes: 4096 } as const;

/** `value`, refused when longer than FILTER_LIMITS.text. */
export function capText(value: string, argument: string): string {
  if (value.length > FILTER_LIMITS.text) {
    throw badInput(`"${argument}" must be at most ${FILTER_LIMITS.text} characters`, { argument });
  }
  return value;
}
