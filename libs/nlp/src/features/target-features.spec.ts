import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Lexicon } from '../model/lexicon';
import { LinearModel } from '../model/linear-model';
import { tokenize } from '../text/tokenizer';
import { FeatureVector, fnv, seed } from './feature-vector';
import { type TargetRange, TargetFeaturizer } from './target-features';

const BITS = 12;
const model = new LinearModel(BITS, 3, new Float32Array((1 << BITS) * 3), new Float32Array(3));
const lexicon: Lexicon = new Map();
const mask = (1 << BITS) - 1;
const has = (fv: FeatureVector, hash: number): boolean =>
  Array.from(fv.idx.subarray(0, fv.length)).includes(hash & mask);

function featuresOf(text: string, target: string, other: string | null): FeatureVector {
  const tokens = tokenize(text);
  const at = (w: string): TargetRange => {
    const i = tokens.findIndex((t) => t.norm === w);
    return { t0: i, t1: i };
  };
  const text0 = new FeatureVector(BITS);
  const out = new FeatureVector(BITS);
  new TargetFeaturizer(model, lexicon).add(
    tokens,
    at(target),
    other ? [at(other)] : [],
    text0,
    new Float64Array([1 / 3, 1 / 3, 1 / 3]),
    out,
  );
  return out;
}

test('in a post naming two labs, each word goes to the nearer lab, clause breaks counting as distance', () => {
  const text = 'Claude is great, but Gemini is terrible';
  const claude = featuresOf(text, 'claude', 'gemini');
  assert.ok(has(claude, fnv(seed('to|'), 'great')));
  assert.ok(has(claude, fnv(seed('tx|'), 'terrible')));
  const gemini = featuresOf(text, 'gemini', 'claude');
  assert.ok(has(gemini, fnv(seed('to|'), 'terrible')));
  assert.ok(has(gemini, fnv(seed('tx|'), 'great')));
});

test('a post naming one lab has no share features', () => {
  const claude = featuresOf('Claude is great', 'claude', null);
  assert.ok(!has(claude, fnv(seed('to|'), 'great')));
  assert.ok(!has(claude, fnv(seed('tf|'), 'multi-lab')));
});
