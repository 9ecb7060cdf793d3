import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidParametersException } from '../common/invalid-parameters.exception';
import { decodeCursor, encodeCursor, queryFingerprint } from './post-cursor';

const fp = queryFingerprint(['openai', 'v1', 'recent']);

test('a cursor round-trips its position and is opaque base64url', () => {
  const cursor = encodeCursor(fp, { key: '2026-10-24T21:30:00.123456Z', postId: '42' });
  assert.match(cursor, /^[A-Za-z0-9_-]+$/);
  assert.deepEqual(decodeCursor(cursor, fp, 'recent'), { key: '2026-10-24T21:30:00.123456Z', postId: '42' });
});

test('cursors from another query, forged keys and garbage are 400s naming cursor', () => {
  const other = queryFingerprint(['openai', 'v1', 'engagement']);
  const cases = [
    encodeCursor(other, { key: '2026-10-24T21:30:00.000000Z', postId: '1' }),
    encodeCursor(fp, { key: 'not a time', postId: '1' }),
    encodeCursor(fp, { key: '2026-10-24T21:30:00.000000Z', postId: '99999999999999999999' }),
    encodeCursor(fp, { key: '2026-10-24T21:30:00.000000Z', postId: '-1' }),
    'not-base64-json',
    Buffer.from('[1,2]').toString('base64url'),
  ];
  for (const cursor of cases) {
    assert.throws(
      () => decodeCursor(cursor, fp, 'recent'),
      (e: unknown) => e instanceof InvalidParametersException && e.errors[0].parameter === 'cursor',
      cursor,
    );
  }
  assert.throws(
    () => decodeCursor(encodeCursor(fp, { key: '9223372036854775808', postId: '1' }), fp, 'engagement'),
    InvalidParametersException,
  );
  assert.deepEqual(decodeCursor(encodeCursor(fp, { key: '-0.6', postId: '7' }), fp, 'most_negative'), {
    key: '-0.6',
    postId: '7',
  });
});
