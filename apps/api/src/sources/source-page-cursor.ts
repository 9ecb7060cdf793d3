import type { SourcePageKey } from '@labpulse/persistence';
import { isStoredTimestamp } from '../common/cursor-values';
import { InvalidParametersException } from '../common/invalid-parameters.exception';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The opaque `nextCursor` of GET /v1/sources: the keyset position, base64url-encoded. */
export function encodeSourceCursor(key: SourcePageKey): string {
  return Buffer.from(JSON.stringify([key.createdAt, key.id])).toString('base64url');
}

export function decodeSourceCursor(cursor: string): SourcePageKey {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2) throw invalid();
  const [createdAt, id] = decoded as unknown[];
  if (typeof createdAt !== 'string' || !isStoredTimestamp(createdAt) || typeof id !== 'string' || !UUID.test(id))
    throw invalid();
  return { createdAt, id };
}

function invalid(): InvalidParametersException {
  return InvalidParametersException.single('cursor', 'cursor must be the nextCursor of a previous page');
}
