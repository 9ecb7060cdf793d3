import { registerDecorator, type ValidationOptions } from 'class-validator';

// A date (read as UTC midnight) or a date-time that states its zone: never the server's local time.
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2}))?$/;
// Older or later instants are rejected so period arithmetic never leaves what Postgres stores.
const EARLIEST = Date.UTC(1970, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

/** Parses a value accepted by @IsInstant. */
export function parseInstant(value: string): Date {
  return new Date(value);
}

export function isInstant(value: unknown): boolean {
  if (typeof value !== 'string' || !INSTANT.test(value)) return false;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms) || ms < EARLIEST || ms >= LATEST) return false;
  // Date.parse rolls 2026-02-30 over to March; a real calendar date reads back the same.
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  return calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
}

/** An ISO 8601 instant with a zone (2026-11-01T00:00:00Z, +02:00) or a date (2026-11-01, UTC), 1970-2199. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options: {
        message: `${String(propertyName)} must be an ISO 8601 timestamp with a zone (e.g. 2026-11-01T00:00:00Z) or a date (2026-11-01, UTC), between 1970 and 2199`,
        ...options,
      },
      validator: { validate: isInstant },
    });
  };
}
