import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cacheKey } from './cache-key';
import { freshness } from './freshness';
import { matchesIfNoneMatch, representation } from './representation';

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
  assert.deepEqual(freshness(new Date('2026-11-28T11:45:00Z'), now, 60), { closed: true, cacheControl: 'private, max-age=60', ttlMs: 60_000 });
  const open = freshness(new Date('2026-11-28T11:50:00Z'), now, 60);
  assert.equal(open.closed, false);
  assert.equal(open.cacheControl, 'private, no-cache');
  assert.equal(freshness(new Date('2026-01-01T00:00:00Z'), now, 0).ttlMs, 0);
});

test('cache keys ignore parameter order and absent values', () => {
  assert.equal(cacheKey('t', { a: '1', b: '2', c: undefined }), cacheKey('t', { b: '2', a: '1' }));
  assert.notEqual(cacheKey('t', { a: '1' }), cacheKey('u', { a: '1' }));
});
