import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../text/tokenizer';
import { hasSarcasmMarker, stanceCue } from './stance-cues';

/** Cue polarity for the target word `target` in `text`. */
function cue(text: string, target: string): number | null {
  const tokens = tokenize(text);
  const i = tokens.findIndex((t) => t.norm === target);
  assert.ok(i >= 0, `${target} not in ${text}`);
  return stanceCue(tokens, { t0: i, t1: i })?.polarity ?? null;
}

test('subject and object of a comparison get opposite polarities', () => {
  assert.equal(cue('alpha beats beta', 'alpha'), 1);
  assert.equal(cue('alpha beats beta', 'beta'), -1);
  assert.equal(cue('alpha is worse than beta', 'alpha'), -1);
  assert.equal(cue('alpha is worse than beta', 'beta'), 1);
  assert.equal(cue('alpha lags behind beta', 'beta'), 1);
});

test('negation flips a comparison', () => {
  assert.equal(cue("alpha doesn't beat beta", 'alpha'), -1);
  assert.equal(cue("alpha can't hold a candle to beta", 'beta'), 1);
});

test('cost, switching, preference and "unlike"', () => {
  assert.equal(cue('alpha matches beta at a fraction of the cost', 'alpha'), 1);
  assert.equal(cue('alpha matches beta at a fraction of the cost', 'beta'), -1);
  assert.equal(cue('moved from alpha to beta last week', 'alpha'), -1);
  assert.equal(cue('moved from alpha to beta last week', 'beta'), 1);
  assert.equal(cue('I prefer alpha over beta', 'alpha'), 1);
  assert.equal(cue('I prefer alpha over beta', 'beta'), -1);
  assert.equal(cue('Unlike alpha, beta works', 'alpha'), -1);
  assert.equal(cue('Unlike alpha, beta works', 'beta'), null);
});

test('a cue in another clause does not apply, and a source is not an object', () => {
  assert.equal(cue('alpha is fine. beta beats gamma', 'alpha'), null);
  assert.equal(cue('beta beats gamma according to alpha', 'alpha'), null);
  assert.equal(cue('the team behind alpha', 'alpha'), null);
});

test('sarcasm markers', () => {
  assert.equal(hasSarcasmMarker('Love waiting an hour for support /s'), true);
  assert.equal(hasSarcasmMarker('Yeah right, best update ever 🙄'), true);
  assert.equal(hasSarcasmMarker('#not impressed'), true);
  assert.equal(hasSarcasmMarker('I noticed the notes /src folder'), false);
  assert.equal(hasSarcasmMarker('This is great'), false);
});
