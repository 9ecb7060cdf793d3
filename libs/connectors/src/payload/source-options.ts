import { InvalidSourceError } from '../connector-errors';

type Options = Readonly<Record<string, unknown>>;

/** Reads of a source's `options`: a wrong value is the source's fault, so InvalidSourceError. */
export function optionBoolean(options: Options, key: string, fallback: boolean): boolean {
  const value = options[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new InvalidSourceError(`option ${key} must be true or false`);
  return value;
}

export function optionInteger(options: Options, key: string, fallback: number, min: number, max: number): number {
  const value = options[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidSourceError(`option ${key} must be an integer from ${min} to ${max}`);
  }
  return value;
}

export function optionNumber(options: Options, key: string, fallback: number, min: number, max: number): number {
  const value = options[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidSourceError(`option ${key} must be a number from ${min} to ${max}`);
  }
  return value;
}

/** An ISO 8601 / RFC 3339 date-time, or null when unset. */
export function optionDate(options: Options, key: string): Date | null {
  const value = options[key];
  if (value === undefined || value === null) return null;
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidSourceError(`option ${key} must be an ISO 8601 date-time`);
  return new Date(ms);
}

export function optionEnum<T extends string>(options: Options, key: string, allowed: readonly T[], fallback: T): T {
  const value = options[key];
  if (value === undefined || value === null) return fallback;
  const match = allowed.find((candidate) => candidate === value);
  if (match === undefined) throw new InvalidSourceError(`option ${key} must be one of ${allowed.join(', ')}`);
  return match;
}
