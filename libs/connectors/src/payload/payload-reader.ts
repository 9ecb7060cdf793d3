import { MalformedPayloadError } from '../connector-errors';

/**
 * Typed reads of untrusted JSON. Every read takes the path of the value (e.g. `data[3].created_at`)
 * so that a contract violation names the exact field in its MalformedPayloadError.
 */
export type JsonObject = Readonly<Record<string, unknown>>;

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') return 'an object';
  return String(value as number | boolean | bigint | symbol);
}

function fail(path: string, expected: string, value: unknown): never {
  throw new MalformedPayloadError(path, `expected ${expected}, got ${describeValue(value)}`);
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readObject(value: unknown, path: string): JsonObject {
  return isJsonObject(value) ? value : fail(path, 'an object', value);
}

export function readOptionalObject(value: unknown, path: string): JsonObject | undefined {
  return value === undefined || value === null ? undefined : readObject(value, path);
}

export function readArray(value: unknown, path: string): readonly unknown[] {
  return Array.isArray(value) ? value : fail(path, 'an array', value);
}

export function readOptionalArray(value: unknown, path: string): readonly unknown[] | undefined {
  return value === undefined || value === null ? undefined : readArray(value, path);
}

export function readString(value: unknown, path: string): string {
  return typeof value === 'string' ? value : fail(path, 'a string', value);
}

export function readNonEmptyString(value: unknown, path: string): string {
  return typeof value === 'string' && value !== '' ? value : fail(path, 'a non-empty string', value);
}

export function readOptionalString(value: unknown, path: string): string | undefined {
  return value === undefined || value === null ? undefined : readString(value, path);
}

export function readNumber(value: unknown, path: string): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fail(path, 'a number', value);
}

export function readOptionalNumber(value: unknown, path: string): number | undefined {
  return value === undefined || value === null ? undefined : readNumber(value, path);
}

/** A count: a non-negative integer. */
export function readOptionalCount(value: unknown, path: string): number | undefined {
  const n = readOptionalNumber(value, path);
  return n === undefined || (Number.isInteger(n) && n >= 0) ? n : fail(path, 'a non-negative integer', value);
}

/** A date-time string matching `pattern`, parsed with Date.parse. */
export function readTimestamp(value: unknown, path: string, pattern: RegExp, expected: string): Date {
  if (typeof value !== 'string' || !pattern.test(value)) fail(path, expected, value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? fail(path, expected, value) : new Date(ms);
}

/** Epoch milliseconds as a JSON number. */
export function readEpochMillis(value: unknown, path: string): Date {
  return typeof value === 'number' && Number.isInteger(value) && value > 0
    ? new Date(value)
    : fail(path, 'epoch milliseconds', value);
}
