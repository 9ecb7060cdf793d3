import { isInt8 } from './cursor-values';
import { InvalidParametersException } from './invalid-parameters.exception';

/**
 * Opaque `nextCursor`s of the keyset-paged lists (alerts, evaluations, webhook deliveries): a bigint
 * position (seq or id), base64url.
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
  if (!match || !isInt8(match[1]))
    throw InvalidParametersException.single('cursor', 'cursor must be the nextCursor of a previous page');
  return match[1];
}

export const SEQ_PAGE_MAX = 200;
export const SEQ_PAGE_DEFAULT = 50;
