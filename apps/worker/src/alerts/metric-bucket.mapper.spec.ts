import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toMetricBucket } from './metric-bucket.mapper';

const row = { start: 0, posts: 10, positive: 3, neutral: 2, negative: 1, favor: 2, against: 1, stanceNeutral: 3 };

test('volume counts every post; shares and net sentiment count scored posts only', () => {
  assert.equal(toMetricBucket(row, 'volume').posts, 10);
  const share = toMetricBucket(row, 'negative_share');
  assert.equal(share.posts, 6, 'four unscorable posts are not neutral');
  assert.equal(share.negative, 1);
  assert.equal(share.stanceTotal, 6);
});

test('net sentiment from label counts: sum = positive - negative, sum of squares = positive + negative', () => {
  const b = toMetricBucket(row, 'net_sentiment');
  assert.deepEqual([b.sentimentSum, b.sentimentSumSquares, b.posts], [2, 4, 6]);
});
