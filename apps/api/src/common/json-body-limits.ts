import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bytes of a request body (ingest: 1,000 posts of up to a few KB each). */
export const JSON_BODY_LIMIT = '5mb';
/**
 * JSON values (objects, arrays, and the members and items they hold) in one body. An ingest of
 * 1,000 full posts holds under 20,000; 4.6 MB of empty objects holds 1.6 million, which took
 * seconds to parse and walk before any count was checked.
 */
export const MAX_JSON_VALUES = 100_000;

/**
 * The body parser's `verify` hook: counts the values in the raw bytes (one pass, no allocation)
 * before JSON.parse builds them, and refuses the body with a 400 naming it when there are too many.
 */
export function refuseTooManyJsonValues(_req: IncomingMessage, _res: ServerResponse, body: Buffer): void {
  if (countJsonValues(body, MAX_JSON_VALUES) > MAX_JSON_VALUES) {
    throw Object.assign(
      new Error(`the request body holds more than ${MAX_JSON_VALUES.toLocaleString('en-US')} JSON values`),
      {
        status: 400,
        type: 'entity.too.many.values',
      },
    );
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;

/**
 * An upper bound of the values in a JSON text: each object or array opened, plus each comma outside
 * strings (one more member or item). Stops counting past `max`. Malformed JSON is left to JSON.parse.
 */
export function countJsonValues(body: Uint8Array, max: number): number {
  let count = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const b = body[i];
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) {
      inString = true;
    } else if (b === COMMA || b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (++count > max) return count;
    }
  }
  return count;
}
