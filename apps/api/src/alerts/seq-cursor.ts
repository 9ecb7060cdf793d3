import { ParseUUIDPipe } from '@nestjs/common';
import { isInt8 } from '../common/cursor-values';
import { InvalidParametersException } from '../common/invalid-parameters.exception';

/**
 * Opaque `nextCursor`s of the alerting lists: a bigint keyset position (seq or id), base64url.
 * Lists are newest first; the cursor is the last row's position on the page.
 */
export function encodeSeqCursor(position: string): string {
  return Buffer.from(`s:${position}`).toString('base64url');
}

export function decodeSeqCursor(cursor: string | undefined): string | null {
  if (cursor === undefined) return null;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^s:(\d{1,19})$/.exec(text);
  // 19 digits can still pass int8 (s:9223372036854775808): a cast error in SQL, so checked here.
  if (!match || !isInt8(match[1])) throw InvalidParametersException.single('cursor', 'cursor must be the nextCursor of a previous page');
  return match[1];
}

/** A path parameter that must be a UUID: a malformed one is a 400 naming it, not a database error. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({ exceptionFactory: () => InvalidParametersException.single(name, `${name} must be a UUID`) });
}

export const ALERT_PAGE_MAX = 200;
export const ALERT_PAGE_DEFAULT = 50;
