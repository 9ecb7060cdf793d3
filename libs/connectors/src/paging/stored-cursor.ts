import { InvalidSourceError, MalformedPayloadError } from '../connector-errors';
import type { SourceCursor } from '../source-connector';
import { isJsonObject, type JsonObject } from '../payload/payload-reader';

/**
 * Reads a cursor this connector stored earlier. Returns null (start afresh) when there is none or
 * when it belongs to another target, so editing a source's target never resumes the old paging.
 * A cursor that cannot be read is a source problem, not a platform one.
 */
export function readStoredCursor<T>(
  cursor: SourceCursor,
  kind: string,
  target: string,
  parse: (object: JsonObject) => T,
): T | null {
  if (cursor === null) return null;
  if (!isJsonObject(cursor) || cursor.kind !== kind) {
    throw new InvalidSourceError(`stored cursor is not a ${kind} cursor; reset the source's cursor`);
  }
  if (cursor.target !== target) return null;
  try {
    return parse(cursor);
  } catch (error) {
    if (error instanceof MalformedPayloadError) {
      throw new InvalidSourceError(`stored ${kind} cursor is unreadable at ${error.field}; reset the source's cursor`);
    }
    throw error;
  }
}
