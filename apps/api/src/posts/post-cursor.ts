import { createHash } from 'node:crypto';
import type { PostPosition, PostSort } from '@labpulse/persistence';
import { InvalidParametersException } from '../common/invalid-parameters.exception';

const INT8_MAX = 9_223_372_036_854_775_807n;
// What each sort's key must look like before it is cast in SQL (a forged cursor is a 400, never a 500).
const KEY_SHAPE: Record<PostSort, RegExp> = {
  recent: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/,
  engagement: /^\d{1,19}$/,
  most_negative: /^-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i,
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
  if (typeof q !== 'string' || typeof k !== 'string' || typeof i !== 'string' || !/^\d{1,19}$/.test(i) || BigInt(i) > INT8_MAX) {
    throw invalid('cursor is not one this API issued: pass the `next` value of a previous page unchanged');
  }
  if (q !== fingerprint) {
    throw invalid('cursor belongs to a different query (lab, filters, sort or model version changed): drop it to start from the first page');
  }
  if (!KEY_SHAPE[sort].test(k) || (sort === 'engagement' && BigInt(k) > INT8_MAX)) {
    throw invalid('cursor is not one this API issued: pass the `next` value of a previous page unchanged');
  }
  return { key: k, postId: i };
}

function invalid(message: string): InvalidParametersException {
  return InvalidParametersException.single('cursor', message);
}
