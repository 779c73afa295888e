/** Business validation of inputs, with no GraphQL in it. */
import type { Checks } from './errors.js';

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** Minor units of an ISO 4217 currency (EUR 2, JPY 0, KWD 3), from ICU. */
export function minorUnits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

export function checkCurrency(checks: Checks, currency: string, field: string[]): boolean {
  if (!/^[A-Z]{3}$/.test(currency) || !CURRENCIES.has(currency)) {
    checks.add('UNKNOWN_CURRENCY', `"${currency.slice(0, 10)}" is not an ISO 4217 currency code`, field);
    return false;
  }
  return true;
}

/** Decimals beyond the currency's minor units, and negatives where they are not allowed. */
export function checkAmount(
  checks: Checks,
  amount: string,
  field: string[],
  options: { currency?: string | null; allowNegative?: boolean },
) {
  if (!options.allowNegative && amount.startsWith('-')) {
    checks.add('NEGATIVE_AMOUNT', 'The amount must not be negative', field);
    return;
  }
  if (options.currency && CURRENCIES.has(options.currency)) {
    const decimals = (amount.split('.')[1] ?? '').replace(/0+$/, '').length;
    const allowed = minorUnits(options.currency);
    if (decimals > allowed) {
      checks.add(
        'INVALID_AMOUNT',
        `${options.currency} amounts have at most ${allowed} decimal${allowed === 1 ? '' : 's'}`,
        field,
      );
    }
  }
}

export function checkName(checks: Checks, name: string | null | undefined, field: string[], max = 200) {
  const trimmed = name?.trim() ?? '';
  if (!trimmed) checks.add('BLANK', 'Must not be blank', field);
  else if (trimmed.length > max) checks.add('TOO_LONG', `At most ${max} characters`, field);
}

const MAX_JSON_BYTES = 16 * 1024;

/** A JSON object of bounded size (metadata, settings). */
export function checkJsonObject(checks: Checks, value: unknown, field: string[], maxBytes = MAX_JSON_BYTES) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    checks.add('INVALID_JSON', 'Must be a JSON object', field);
    return;
  }
  if (Buffer.byteLength(JSON.stringify(value)) > maxBytes) {
    checks.add('INVALID_JSON', `At most ${maxBytes} bytes of JSON`, field);
  }
}
