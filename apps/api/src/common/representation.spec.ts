import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NotAcceptableException } from '@nestjs/common';
import { negotiateFormat } from './representation';

test('format= wins; without Accept or with */* the answer is JSON', () => {
  assert.equal(negotiateFormat('csv', 'application/json'), 'csv');
  assert.equal(negotiateFormat(undefined, undefined), 'json');
  assert.equal(negotiateFormat(undefined, '*/*'), 'json');
  assert.equal(negotiateFormat(undefined, 'text/html,application/xhtml+xml,*/*;q=0.8'), 'json');
});

test('Accept picks by q-value, then by specificity', () => {
  assert.equal(negotiateFormat(undefined, 'text/csv'), 'csv');
  assert.equal(negotiateFormat(undefined, 'text/*'), 'csv');
  assert.equal(negotiateFormat(undefined, 'application/json;q=0.5, text/csv'), 'csv');
  assert.equal(negotiateFormat(undefined, 'text/csv;q=0.2, application/json'), 'json');
  assert.equal(negotiateFormat(undefined, 'text/csv, */*'), 'csv');
  assert.equal(negotiateFormat(undefined, 'TEXT/CSV; charset=utf-8'), 'csv');
});

test('nothing acceptable is a 406; q=0 excludes', () => {
  assert.throws(() => negotiateFormat(undefined, 'application/xml'), NotAcceptableException);
  assert.throws(() => negotiateFormat(undefined, 'application/json;q=0'), NotAcceptableException);
  assert.throws(() => negotiateFormat(undefined, 'text/csv', ['json']), NotAcceptableException);
});
