import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { isSealed, openSecret, sealSecret, sealedKeyId, secretKeyId } from './secret-box';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

test('a sealed secret opens with its key, never shows the secret, and differs each time', () => {
  const key = randomBytes(32);
  const a = sealSecret(key, SECRET);
  const b = sealSecret(key, SECRET);
  assert.ok(isSealed(a));
  assert.notEqual(a, b, 'a fresh nonce per value');
  assert.ok(!a.includes('MfKQ9r8GKYqr'));
  assert.equal(sealedKeyId(a), secretKeyId(key));
  assert.equal(openSecret([key], a), SECRET);
  assert.equal(openSecret([randomBytes(32), key], b), SECRET, 'the key is found by its id');
});

test('another key, an altered value or a clear value do not open', () => {
  const key = randomBytes(32);
  const sealed = sealSecret(key, SECRET);
  assert.throws(() => openSecret([randomBytes(32)], sealed), /neither WEBHOOK_SECRET_KEY nor/);
  const body = sealed.slice(sealed.lastIndexOf(':') + 1);
  const flipped = Buffer.from(body, 'base64url');
  flipped[14] ^= 1;
  assert.throws(
    () => openSecret([key], sealed.replace(body, flipped.toString('base64url'))),
    /unable to authenticate|auth/i,
  );
  assert.throws(() => openSecret([key], SECRET), /not a sealed secret/);
});
