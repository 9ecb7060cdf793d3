import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countJsonValues } from './json-body-limits';

const count = (json: string, max = 1_000): number => countJsonValues(Buffer.from(json), max);

test('counts objects, arrays and the members and items after the first, not what is inside strings', () => {
  assert.equal(count('{}'), 1);
  assert.equal(count('{"posts":[{},{},{}]}'), 1 + 1 + 3 + 2);
  assert.equal(count('{"text":"a, b, {c} [d] \\" , e"}'), 1);
  assert.equal(count('[1,2,3]'), 3);
  assert.equal(count('"just a string, really"'), 0);
});

test('stops counting past the limit', () => {
  assert.equal(count(`[${'{},'.repeat(10_000)}{}]`, 50), 51);
});
