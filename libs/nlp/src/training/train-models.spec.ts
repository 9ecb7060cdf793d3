import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FeatureVector } from '../features/feature-vector';
import { sentenceFeatures } from '../features/post-analyzer';
import { IDENTITY_CALIBRATION } from '../model/calibration';
import type { Lexicon } from '../model/lexicon';
import { trainFtrl } from './ftrl-trainer';
import type { LinearModel } from '../model/linear-model';
import {
  buildWeightsFile,
  lexiconVocabulary,
  quantiseModel,
  SENTENCE_TRAINING,
  TARGET_TRAINING,
  type TargetExample,
  type TextExample,
  trainSentenceDomain,
  trainSentenceModel,
  trainTargetDomain,
  trainTargetModel,
} from './train-models';

// A tiny synthetic corpus: the words decide the class, so a working trainer must learn it.
const POS = ['great', 'love', 'awesome', 'amazing', 'best'];
const NEG = ['awful', 'hate', 'terrible', 'worst', 'broken'];
const FILL = ['the', 'new', 'phone', 'update', 'today', 'really', 'app'];
function corpus(n: number): TextExample[] {
  const out: TextExample[] = [];
  for (let i = 0; i < n; i++) {
    const label = i % 3;
    const word = label === 2 ? POS[i % POS.length] : label === 0 ? NEG[i % NEG.length] : FILL[(i * 7) % FILL.length];
    out.push({ text: `${FILL[i % FILL.length]} ${word} ${FILL[(i + 3) % FILL.length]}`, label });
  }
  return out;
}
const lexicon: Lexicon = new Map([
  ['great', 0.6],
  ['awful', -0.6],
]);
const options = { ...SENTENCE_TRAINING, bits: 12, epochs: 3 };

test('training is deterministic: same data and seed, bit-identical weights and file hash', () => {
  const data = corpus(300);
  const a = trainSentenceModel(data, lexicon, options);
  const b = trainSentenceModel(data, lexicon, options);
  assert.deepEqual(a.weights, b.weights);
  assert.deepEqual(a.bias, b.bias);
  const targets: TargetExample[] = data.map((d) => ({ ...d, spans: [[0, d.text.indexOf(' ')]] }));
  const file = (sentence: LinearModel): string => {
    const general = quantiseModel(sentence);
    const targetOptions = { ...TARGET_TRAINING, bits: 12, epochs: 2 };
    const target = quantiseModel(trainTargetModel(targets, lexicon, general, targetOptions));
    const sentenceDomain = quantiseModel(trainSentenceDomain(data.slice(0, 60), lexicon, general, options));
    const targetDomain = trainTargetDomain(
      targets.slice(0, 60),
      lexicon,
      { general, domain: sentenceDomain },
      target,
      targetOptions,
    );
    const calibration = { sentence: IDENTITY_CALIBRATION, target: IDENTITY_CALIBRATION };
    return buildWeightsFile(
      {
        lexicon,
        general: { sentence: general, target },
        correction: { sentence: sentenceDomain, target: quantiseModel(targetDomain) },
        calibration,
      },
      {},
    ).hash;
  };
  assert.equal(file(a), file(b));
});

test('an in-domain correction learns what the domain says differently, on top of a fixed general model', () => {
  // In general text "cooked" is neutral filler; in the domain it is praise. The general model stays as it is.
  const general = quantiseModel(trainSentenceModel(corpus(600), lexicon, options));
  const domain: TextExample[] = Array.from({ length: 90 }, (_, i) => ({
    text: `${FILL[i % FILL.length]} cooked ${FILL[(i + 2) % FILL.length]}`,
    label: 2,
  }));
  const correction = trainSentenceDomain([...domain, ...corpus(90)], lexicon, general, options);
  const fv = new FeatureVector(options.bits);
  const p = new Float64Array(3);
  sentenceFeatures('the app cooked today', lexicon, fv);
  assert.notEqual(general.predict(fv, p).indexOf(Math.max(...p)), 2);
  const withCorrection = general.plus(correction).predict(fv, p);
  assert.equal(withCorrection.indexOf(Math.max(...withCorrection)), 2);
});

test('a different seed gives different weights (the seed really drives the order)', () => {
  const data = corpus(300);
  const a = trainSentenceModel(data, lexicon, options);
  const c = trainSentenceModel(data, lexicon, { ...options, seed: 99 });
  assert.notDeepEqual(a.weights, c.weights);
});

test('the trainer learns a separable problem', () => {
  const data = corpus(600);
  const model = trainSentenceModel(data.slice(0, 450), lexicon, options);
  const held = data.slice(450);
  const fv = new FeatureVector(options.bits);
  const p = new Float64Array(3);
  let ok = 0;
  for (const ex of held) {
    sentenceFeatures(ex.text, lexicon, fv);
    model.predict(fv, p);
    if (p.indexOf(Math.max(...p)) === ex.label) ok++;
  }
  assert.ok(ok / held.length > 0.9, `accuracy ${ok / held.length}`);
});

test('empty input trains to a zero model rather than failing', () => {
  const model = trainFtrl([], { ...options, classWeights: 'balanced' });
  assert.ok(model.weights.every((w) => w === 0));
});

test('the lexicon vocabulary keeps frequent words and every emoji', () => {
  assert.deepEqual(lexiconVocabulary(['good good 😀', 'good rare'], 2), ['good', '😀']);
});
