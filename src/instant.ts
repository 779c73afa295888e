/**
 * ISO 8601 instants checked field by field. `Date.parse` rolls `2026-02-30` over to 2 March and
 * accepts year 0000, which PostgreSQL refuses ("date/time field value out of range"): an instant
 * is accepted only if every field is in range and the result lies in years 0001-9999.
 */

const ISO_INSTANT =
  /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?(?:Z|([+-])(\d\d):?(\d\d))$/;

/** Milliseconds since the epoch of a UTC date; setUTCFullYear, as Date.UTC reads years 0-99 as 19xx. */
function utc(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/** The range timestamptz and JavaScript share, and that four-digit years can write. */
const MIN_MS = utc(1, 1, 1);
const MAX_MS = utc(9999, 12, 31, 23, 59, 59, 999);

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (year: number, month: number) =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/** The instant an ISO 8601 string with an offset names, or null when it names none. */
export function parseInstant(text: string): Date | null {
  const m = ISO_INSTANT.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second, , , offsetHour, offsetMinute] = m
    .slice(1)
    .map((v) => Number(v ?? 0));
  const fraction = m[7] ?? '';
  const sign = m[8] === '-' ? -1 : 1;
  if (
    year! < 1 ||
    month! < 1 ||
    month! > 12 ||
    day! < 1 ||
    day! > daysInMonth(year!, month!) ||
    hour! > 23 ||
    minute! > 59 ||
    second! > 59 ||
    offsetHour! > 23 ||
    offsetMinute! > 59
  ) {
    return null;
  }
  const local = utc(year!, month!, day!, hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, '0')));
  const ms = local - sign * (offsetHour! * 60 + offsetMinute!) * 60_000;
  return ms >= MIN_MS && ms <= MAX_MS ? new Date(ms) : null;
}

/**
 * A UTC timestamp as the loaders give it (src/db/sql.ts: "2026-09-03T00:00:37.880000Z") or as
 * PostgreSQL prints it ("2026-09-03 00:00:37.88+00"); the date parser refuses "T" with "+00".
 */
const UTC_TIMESTAMP =
  /^(\d{4})-(\d\d)-(\d\d)(?: (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?(?:\+00|Z)|T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?Z)$/;

/**
 * `new Date(String(value)).toISOString()`, the DateTime scalar's output, without the date parser
 * for the form every timestamp comes in: a UTC timestamp in range, years 1000-9999, is rewritten
 * (milliseconds truncated, as the parser does). Anything else goes through the parser, whose
 * quirks stay: it reads years 0000-0099 as 19xx and 20xx, and throws on an invalid date.
 */
export function isoMillis(value: unknown): string {
  const m = typeof value === 'string' ? UTC_TIMESTAMP.exec(value) : null;
  if (m && m[1]! >= '1000') {
    const year = Number(m[1]);
    const month = Number(m[2]);
    const day = Number(m[3]);
    const [hour, minute, second, fraction] = m[4] ? m.slice(4, 8) : m.slice(8, 12);
    if (
      month >= 1 &&
      month <= 12 &&
      day >= 1 &&
      day <= daysInMonth(year, month) &&
      Number(hour) <= 23 &&
      Number(minute) <= 59 &&
      Number(second) <= 59
    ) {
      return `${m[1]}-${m[2]}-${m[3]}T${hour}:${minute}:${second}.${(fraction ?? '').slice(0, 3).padEnd(3, '0')}Z`;
    }
  }
  return new Date(String(value)).toISOString();
}
