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
  ];
  for (const [item, parameter, reason] of cases) {
    const parsed = parseIngestItem(item, 3);
    assert.ok(!parsed.ok);
    assert.equal(parsed.rejection.parameter, parameter);
    assert.match(parsed.rejection.reason, reason);
    assert.ok(parsed.rejection.excerpt.length <= 120);
  }
});
