import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinearModel } from './linear-model';
import { assembleModels, type TrainedModels } from './nlp-models';

const model = (values: number[]): LinearModel =>
  new LinearModel(1, 3, Float32Array.from(values), Float32Array.from(values.slice(0, 3)));

test('assembled models fold the corrections in and do not keep them (a worker holds four weight arrays, not six)', () => {
  const trained: TrainedModels = {
    lexicon: new Map(),
    general: { sentence: model([1, 2, 3, 4, 5, 6]), target: model([0, 0, 0, 1, 1, 1]) },
    correction: { sentence: model([1, 1, 1, 1, 1, 1]), target: model([2, 0, 0, 0, 0, 2]) },
    calibration: {
      sentence: { temperature: 1, bias: [0, 0, 0] },
      target: { temperature: 1, bias: [0, 0, 0] },
    },
  };
  const models = assembleModels(trained, 'h');
  assert.deepEqual([...models.lab.sentence.weights], [2, 3, 4, 5, 6, 7]);
  assert.deepEqual([...models.lab.target.weights], [2, 0, 0, 1, 1, 3]);
  assert.deepEqual([...models.lab.sentence.bias], [2, 3, 4]);
  assert.equal(models.general, trained.general);
  assert.equal('correction' in models, false);
});
