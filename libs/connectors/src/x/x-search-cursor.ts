import { MalformedPayloadError } from '../connector-errors';
import { readStoredCursor } from '../paging/stored-cursor';
import { readOptionalString, type JsonObject } from '../payload/payload-reader';
import type { SourceCursor } from '../source-connector';
import { X_ID_PATTERN } from './x-post.mapper';

/**
 * Paging state of an x_search source (docs/platform-apis.md#x-paging). Between polls only `sinceId` is set.
 * Mid-poll it also holds the first page's newest_id, which becomes `sinceId` once the last page
 * is stored, and the next_token to resume from after a crash.
 */
export type XSearchCursor = {
  readonly kind: 'x_search';
  /** The query this state belongs to; a different query starts afresh. */
  readonly target: string;
  /** Highest post id stored; sent as since_id (exclusive) on every page of the next poll. */
  readonly sinceId: string | null;
  /** newest_id of the poll in progress (taken from its first non-empty page). */
  readonly pendingNewestId: string | null;
  /** meta.next_token of the last stored page; null when the poll has no more pages. */
  readonly nextToken: string | null;
};

export function initialXSearchCursor(target: string): XSearchCursor {
  return { kind: 'x_search', target, sinceId: null, pendingNewestId: null, nextToken: null };
}

export function readXSearchCursor(cursor: SourceCursor, target: string): XSearchCursor {
  const parsed = readStoredCursor(cursor, 'x_search', target, (object: JsonObject): XSearchCursor => ({
    kind: 'x_search',
    target,
    sinceId: readSnowflake(object.sinceId, 'sinceId'),
    pendingNewestId: readSnowflake(object.pendingNewestId, 'pendingNewestId'),
    nextToken: readOptionalString(object.nextToken, 'nextToken') ?? null,
  }));
  return parsed ?? initialXSearchCursor(target);
}

function readSnowflake(value: unknown, path: string): string | null {
  const id = readOptionalString(value, path) ?? null;
  if (id !== null && !X_ID_PATTERN.test(id)) throw new MalformedPayloadError(path, 'expected a numeric post id');
  return id;
}
