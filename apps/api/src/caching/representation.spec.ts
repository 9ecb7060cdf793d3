import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { waitFor } from '@labpulse/testing';
import { cacheKey } from './cache-key';
import { freshness } from './freshness';
import { matchesIfNoneMatch, type Representation, representation, sendRepresentation } from './representation';

test('ETags are weak, content-derived, and compared weakly', () => {
  const a = representation('{"a":1}', 'application/json', 'no-cache');
  assert.equal(a.etag, representation('{"a":1}', 'application/json', 'no-cache').etag);
  assert.notEqual(a.etag, representation('{"a":2}', 'application/json', 'no-cache').etag);
  assert.ok(matchesIfNoneMatch(a.etag, a.etag));
  assert.ok(matchesIfNoneMatch(a.etag.slice(2), a.etag));
  assert.ok(matchesIfNoneMatch(`"x", ${a.etag}`, a.etag));
  assert.ok(matchesIfNoneMatch('*', a.etag));
  assert.ok(!matchesIfNoneMatch('"x"', a.etag));
  assert.ok(!matchesIfNoneMatch(undefined, a.etag));
});

test('closed ranges are cacheable for the configured time; open ones must be revalidated', () => {
  const now = Date.parse('2026-11-28T12:00:00Z');
  assert.deepEqual(freshness(new Date('2026-11-28T11:45:00Z'), now, 60), {
    closed: true,
    cacheControl: 'private, max-age=60',
    ttlMs: 60_000,
  });
  const open = freshness(new Date('2026-11-28T11:50:00Z'), now, 60);
  assert.equal(open.closed, false);
  assert.equal(open.cacheControl, 'private, no-cache');
  assert.equal(freshness(new Date('2026-01-01T00:00:00Z'), now, 0).ttlMs, 0);
});

test('cache keys ignore parameter order and absent values', () => {
  assert.equal(cacheKey('t', { a: '1', b: '2', c: undefined }), cacheKey('t', { b: '2', a: '1' }));
  assert.notEqual(cacheKey('t', { a: '1' }), cacheKey('u', { a: '1' }));
});

/** The body sendRepresentation writes for a client that accepts gzip. */
async function sendGzipped(rep: Representation): Promise<Buffer> {
  let sent: Buffer = Buffer.alloc(0);
  const res = { statusCode: 0, setHeader: () => undefined, end: (body?: Buffer) => (sent = body ?? sent) };
  await sendRepresentation(
    { headers: { 'accept-encoding': 'gzip' } } as IncomingMessage,
    res as unknown as ServerResponse,
    rep,
  );
  return sent;
}

test('an answer is gzipped fast when first sent; a reusable one sent again is recompressed at level 9 for later sends', async () => {
  const body = JSON.stringify(
    Array.from({ length: 4_000 }, (_, i) => ({
      start: new Date(i * 3_600_000).toISOString(),
      volume: (i * 7) % 31,
      net: ((i % 13) - 6) / 7,
    })),
  );
  const level = (n: number) => gzipSync(body, { level: n });
  assert.ok(level(9).length < level(1).length, 'the levels differ on this body');

  const reusable = representation(body, 'application/json', 'private, max-age=60');
  const first = await sendGzipped(reusable);
  assert.deepEqual(first, level(1));
  assert.equal(gunzipSync(first).toString(), body);
  await sendGzipped(reusable); // a second send: the level-9 copy is made in the background
  await waitFor(async () => (await reusable.gzipped)?.length === level(9).length, {
    description: 'the level-9 copy to replace the first',
  });
  assert.deepEqual(await sendGzipped(reusable), level(9));

  // An answer that must be revalidated is not kept for reuse: it stays at the fast level.
  const revalidated = representation(body, 'application/json', 'private, no-cache');
  for (let i = 0; i < 3; i += 1) assert.deepEqual(await sendGzipped(revalidated), level(1));
  assert.equal(revalidated.recompressing, undefined);
});
