import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip as gzipCallback, constants as zlib } from 'node:zlib';
import type { IncomingMessage, ServerResponse } from 'node:http';

const gzip = promisify(gzipCallback);
// Below this a compressed body saves less than the headers cost.
const MIN_COMPRESS_BYTES = 1024;

/** A rendered response body with its validators; cached and reused as it is. */
export interface Representation {
  body: Buffer;
  contentType: string;
  /** Weak: the same for the gzip and identity encodings of one body. */
  etag: string;
  cacheControl: string;
  headers: Record<string, string>;
  /** Filled on first use by a client that accepts gzip, then reused (see gzipped()). */
  gzipped?: Promise<Buffer>;
  /** A level-9 copy is being (or was) made to replace `gzipped`. */
  recompressing?: boolean;
}

export function representation(
  body: string,
  contentType: string,
  cacheControl: string,
  headers: Record<string, string> = {},
): Representation {
  const buffer = Buffer.from(body, 'utf8');
  const etag = `W/"${createHash('sha256').update(buffer).digest('base64url').slice(0, 27)}"`;
  return { body: buffer, contentType, etag, cacheControl, headers };
}

/** RFC 9110 If-None-Match with weak comparison: `*` or any listed tag equal to ours, W/ ignored. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return !q || Number(q.slice(2)) > 0;
  });
}

// Most answers are sent once (an analyst's new filter, period or lab set): the first send is
// compressed fast. A 30-day hourly trend for 5 labs (~1 MB of JSON) on a busy 2-core machine:
// level 9 took ~76 ms of CPU, level 1 ~10 ms, for a body 40-55% larger (docs/performance.md).
const FIRST_SEND_LEVEL = 1;
// A closed answer served again is being reused (max-age, the replica cache): it is recompressed once
// at level 9 in the background, and later sends get the smaller body.
const REUSED_LEVEL = 9;

/** The gzip body for this send: level 1 at first, level 9 once a reusable answer is sent again and that is ready. */
function gzipped(rep: Representation): Promise<Buffer> {
  if (!rep.gzipped) {
    rep.gzipped = gzip(rep.body, { level: FIRST_SEND_LEVEL, strategy: zlib.Z_DEFAULT_STRATEGY });
    return rep.gzipped;
  }
  if (!rep.recompressing && /max-age=[1-9]/.test(rep.cacheControl)) {
    rep.recompressing = true;
    const smaller = gzip(rep.body, { level: REUSED_LEVEL, strategy: zlib.Z_DEFAULT_STRATEGY });
    smaller.then(
      () => (rep.gzipped = smaller),
      () => undefined,
    );
  }
  return rep.gzipped;
}

/** Writes a representation: 304 when the client's validator matches, gzip when it asks for it. */
export async function sendRepresentation(
  req: IncomingMessage,
  res: ServerResponse,
  rep: Representation,
): Promise<void> {
  res.setHeader('ETag', rep.etag);
  res.setHeader('Cache-Control', rep.cacheControl);
  res.setHeader('Vary', 'Accept, Accept-Encoding');
  for (const [name, value] of Object.entries(rep.headers)) res.setHeader(name, value);
  if (matchesIfNoneMatch(req.headers['if-none-match'], rep.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('Content-Type', rep.contentType);
  let body = rep.body;
  if (body.length >= MIN_COMPRESS_BYTES && acceptsGzip(req.headers['accept-encoding'])) {
    body = await gzipped(rep);
    res.setHeader('Content-Encoding', 'gzip');
  }
  res.setHeader('Content-Length', String(body.length));
  res.statusCode = 200;
  res.end(body);
}
