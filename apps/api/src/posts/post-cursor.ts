import { createHash } from 'node:crypto';
import type { PostPosition, PostSort } from '@labpulse/persistence';
import { isFiniteDouble, isInt8, isStoredTimestamp } from '../common/cursor-values';
import { InvalidParametersException } from '../common/invalid-parameters.exception';

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;
// What each sort's key must be before it is cast in SQL (a forged cursor is a 400, never a 500).
const KEY_CHECK: Record<PostSort, (key: string) => boolean> = {
  recent: isStoredTimestamp,
  engagement: isInt8,
  most_negative: (key) => key.length <= 40 && NUMBER.test(key) && isFiniteDouble(key),
};

interface CursorBody {
  /** Fingerprint of the query it belongs to. */
  q: string;
  k: string;
  i: string;
}

/** Fingerprint of everything that defines the result order and set. */
export function queryFingerprint(parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function encodeCursor(fingerprint: string, position: PostPosition): string {
  const body: CursorBody = { q: fingerprint, k: position.key, i: position.postId };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

/** The position a cursor holds; a 400 naming `cursor` when it is malformed or from another query. */
export function decodeCursor(cursor: string, fingerprint: string, sort: PostSort): PostPosition {
  let body: Partial<CursorBody>;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
  } catch {
    throw invalid('cursor is not one this API issued: pass the `next` value of a previous page unchanged');
  }
  const { q, k, i } = body ?? {};
  if (typeof q !== 'string' || typeof k !== 'string' || typeof i !== 'string' || !isInt8(i)) {
    throw invalid('cursor is not one this API issued: pass the `next` value of a previous page unchanged');
  }
  if (q !== fingerprint) {
    throw invalid(
      'cursor belongs to a different query (lab, filters, sort or model version changed): drop it to start from the first page',
    );
  }
  if (!KEY_CHECK[sort](k)) {
    throw invalid('cursor is not one this API issued: pass the `next` value of a previous page unchanged');
  }
  return { key: k, postId: i };
}

function invalid(message: string): InvalidParametersException {
  return InvalidParametersException.single('cursor', message);
}
