/**
 * Range checks for the values a decoded cursor carries, before they reach SQL: a cursor is opaque
 * but not signed, so a forged one may hold anything of the right shape (2026-02-30, month 13,
 * 1e999, a bigint past int8), which Postgres refuses with a cast error, a 500.
 */
export const INT8_MAX = 9_223_372_036_854_775_807n;

const STORED_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;

/** A timestamp as cursors store it (microseconds, UTC) naming a real calendar date and time of day. */
export function isStoredTimestamp(text: string): boolean {
  const m = STORED_TIMESTAMP.exec(text);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999
  return (
    year >= 1 &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59
  );
}

/** A non-negative integer that fits a Postgres bigint. */
export function isInt8(text: string): boolean {
  return /^\d{1,19}$/.test(text) && BigInt(text) <= INT8_MAX;
}

/** A number Postgres' double precision reads back: finite, and not so small it underflows (1e-999). */
export function isFiniteDouble(text: string): boolean {
  const value = Number(text);
  return Number.isFinite(value) && (value === 0 ? !/[1-9]/.test(text.split(/e/i)[0]) : Math.abs(value) >= 2.3e-308);
}
