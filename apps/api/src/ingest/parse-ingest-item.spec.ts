import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseIngestItem } from './parse-ingest-item';

const good = { platform: 'x', id: '1', author: 'a', text: 'hello', created_at: '2026-11-01T12:30:00+0200' };

test('a valid item becomes a normalised post', () => {
  const parsed = parseIngestItem(good, 0);
  assert.ok(parsed.ok);
  assert.equal(parsed.post.externalId, '1');
  assert.equal(parsed.post.createdAt.toISOString(), '2026-11-01T10:30:00.000Z');
});

test('a bad item names its index and field', () => {
  const cases: Array<[unknown, string, RegExp]> = [
    [{ ...good, created_at: 'yesterday' }, 'posts[3].created_at', /^created_at: must be an ISO 8601 timestamp/],
    [{ ...good, engagement: { likes: -1 } }, 'posts[3].engagement.likes', /^engagement\.likes: /],
    [{ ...good, colour: 'red' }, 'posts[3].colour', /^unknown field colour$/],
    ['just text', 'posts[3]', /^post: /],
    // Found by the OpenAPI fuzz (issue 7): each was a 500 from Postgres or silently dropped.
    [{ ...good, text: 'a\u0000b' }, 'posts[3].text', /^text: must not contain NUL/],
    [{ ...good, author: 'x\ud800' }, 'posts[3].author', /^author: .*unpaired surrogates/],
    [{ ...good, engagement: { likes: 2_147_483_648 } }, 'posts[3].engagement.likes', /^engagement\.likes: /],
    [{ ...good, engagement: { likes: 1, views: 2 } }, 'posts[3].engagement.views', /^unknown field engagement\.views$/],
    [{ ...good, 'a\u0000b': 1 }, 'posts[3]."a\\u0000b"', /^unknown field "a\\u0000b"$/],
  ];
  for (const [item, parameter, reason] of cases) {
    const parsed = parseIngestItem(item, 3);
    assert.ok(!parsed.ok);
    assert.equal(parsed.rejection.parameter, parameter);
    assert.match(parsed.rejection.reason, reason);
    assert.ok(parsed.rejection.excerpt.length <= 120);
  }
});
