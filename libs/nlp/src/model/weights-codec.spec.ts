import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LinearModel } from './linear-model';
import { decodeLinearModel, encodeLinearModel } from './weights-codec';

test('weights survive encoding within the companded 8-bit precision, zeros stay zero', () => {
  const bits = 8;
  const weights = new Float32Array((1 << bits) * 3);
  for (let i = 0; i < weights.length; i += 7) weights[i] = Math.sin(i) * 2;
  const model = new LinearModel(bits, 3, weights, Float32Array.from([0.1, -0.2, 0.3]));
  const enc = encodeLinearModel(model);
  const back = decodeLinearModel(JSON.parse(JSON.stringify(enc)));
  for (let i = 0; i < weights.length; i++) {
    if (weights[i] === 0) assert.equal(back.weights[i], 0);
    // sqrt companding: error at most about 2 * sqrt(|w| * max) / 127
    else
      assert.ok(
        Math.abs(back.weights[i] - weights[i]) <= (2 * Math.sqrt(Math.abs(weights[i]) * 2)) / 127 + 1e-6,
        `index ${i}`,
      );
  }
  back.bias.forEach((b, c) => assert.ok(Math.abs(b - model.bias[c]) < 1e-6));
});

test('corrupt data is rejected', () => {
  const model = new LinearModel(4, 3, new Float32Array(48).fill(1), new Float32Array(3));
  const enc = encodeLinearModel(model);
  assert.throws(() => decodeLinearModel({ ...enc, features: enc.features - 1 }), /corrupt/);
});
