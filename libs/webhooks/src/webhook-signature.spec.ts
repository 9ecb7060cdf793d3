import assert from 'node:assert/strict';
import { afterEach, describe, it, mock } from 'node:test';
import { Webhook } from 'standardwebhooks';
import {
  InvalidWebhookSecretError,
  buildWebhookHeaders,
  checkWebhookSecret,
  decodeWebhookSecret,
  generateWebhookSecret,
  signWebhook,
  verifyWebhook,
} from './webhook-signature';

// The published Standard Webhooks test vector (libraries/go/webhook_test.go, python tests).
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const MSG_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const TS = 1614265330;
const BODY = '{"test": 2432232314}';
const SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';

/** The reference verifier reads Date.now(); pin it to `seconds` (node:test mock timers, no sleeping). */
function atClock(seconds: number): void {
  mock.timers.enable({ apis: ['Date'], now: seconds * 1000 });
}

afterEach(() => mock.timers.reset());

describe('Standard Webhooks signing', () => {
  it('T1: reproduces the known test vector, and the standardwebhooks package accepts it', () => {
    assert.equal(signWebhook(SECRET, MSG_ID, TS, BODY), SIGNATURE);
    assert.equal(signWebhook(SECRET, MSG_ID, TS, Buffer.from(BODY)), SIGNATURE);
    atClock(TS);
    const headers = buildWebhookHeaders(MSG_ID, new Date(TS * 1000), BODY, [SECRET]);
    assert.deepEqual(headers, {
      'webhook-id': MSG_ID,
      'webhook-timestamp': String(TS),
      'webhook-signature': SIGNATURE,
    });
    assert.deepEqual(new Webhook(SECRET).verify(BODY, { ...headers }), { test: 2432232314 });
  });

  it('accepts secrets with or without the prefix and padding', () => {
    const key = decodeWebhookSecret(SECRET);
    assert.equal(key.length, 24);
    assert.deepEqual(decodeWebhookSecret(SECRET.slice('whsec_'.length)), key);
    const padded = `whsec_${Buffer.from('0123456789abcdefghijklmnop').toString('base64')}`;
    assert.ok(padded.endsWith('='));
    assert.deepEqual(decodeWebhookSecret(padded.replace(/=+$/, '')), decodeWebhookSecret(padded));
  });

  it('rejects an empty secret, whsec_ alone and non-base64', () => {
    for (const bad of ['', 'whsec_', 'whsec_not*base64!'])
      assert.throws(() => decodeWebhookSecret(bad), InvalidWebhookSecretError);
    assert.match(checkWebhookSecret('whsec_') ?? '', /empty/);
    assert.match(checkWebhookSecret('whsec_AAAA') ?? '', /24 to 64 bytes/);
    assert.match(checkWebhookSecret('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw') ?? '', /whsec_/);
    assert.equal(checkWebhookSecret(SECRET), null);
  });

  it('rejects ids containing "." and non-integer timestamps', () => {
    assert.throws(() => signWebhook(SECRET, 'msg.1', TS, BODY), RangeError);
    assert.throws(() => signWebhook(SECRET, MSG_ID, 1.5, BODY), RangeError);
  });

  it('generates whsec_ secrets of 32 random bytes that verify with the reference library', () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    assert.match(a, /^whsec_[A-Za-z0-9+/]+=*$/);
    assert.notEqual(a, b);
    assert.equal(decodeWebhookSecret(a).length, 32);
    assert.equal(checkWebhookSecret(a), null);
    assert.throws(() => generateWebhookSecret(16), RangeError);
    atClock(TS);
    const headers = buildWebhookHeaders('msg_1', new Date(TS * 1000), BODY, [a]);
    assert.doesNotThrow(() => new Webhook(a).verify(BODY, { ...headers }));
  });

  it('T2: the exact bytes verify; a re-serialised copy does not; a retry signs identical bytes', () => {
    const body = JSON.stringify({ type: 'alert.firing', timestamp: '2026-03-03T21:05:00.000Z', data: { score: 3.46 } });
    atClock(TS);
    const headers = buildWebhookHeaders(MSG_ID, new Date(TS * 1000), body, [SECRET]);
    const receiver = new Webhook(SECRET);
    assert.doesNotThrow(() => receiver.verify(body, { ...headers }));
    const pretty = JSON.stringify(JSON.parse(body), null, 2);
    assert.throws(() => receiver.verify(pretty, { ...headers }), /No matching signature/);
    assert.equal(verifyWebhook(SECRET, { ...headers }, pretty, TS).ok, false);
  });

  it('T3: 301 s old or new is rejected; each retry has a fresh timestamp and the same id', () => {
    const first = buildWebhookHeaders(MSG_ID, new Date(TS * 1000), BODY, [SECRET]);
    const retry = buildWebhookHeaders(MSG_ID, new Date((TS + 5) * 1000), BODY, [SECRET]);
    assert.equal(retry['webhook-id'], first['webhook-id']);
    assert.notEqual(retry['webhook-timestamp'], first['webhook-timestamp']);
    assert.notEqual(retry['webhook-signature'], first['webhook-signature']);
    atClock(TS + 301);
    assert.throws(() => new Webhook(SECRET).verify(BODY, { ...first }), /too old/);
    mock.timers.reset();
    atClock(TS - 301);
    assert.throws(() => new Webhook(SECRET).verify(BODY, { ...first }), /too new/);
    assert.deepEqual(verifyWebhook(SECRET, { ...first }, BODY, TS + 301), { ok: false, reason: 'too_old' });
    assert.deepEqual(verifyWebhook(SECRET, { ...first }, BODY, TS - 301), { ok: false, reason: 'too_new' });
    assert.deepEqual(verifyWebhook(SECRET, { ...first }, BODY, TS + 300), { ok: true });
  });

  it('T4: during a rotation the header carries two signatures and either secret verifies', () => {
    const next = generateWebhookSecret();
    const headers = buildWebhookHeaders(MSG_ID, new Date(TS * 1000), BODY, [next, SECRET]);
    const parts = headers['webhook-signature'].split(' ');
    assert.equal(parts.length, 2);
    assert.ok(parts.every((p) => p.startsWith('v1,')));
    atClock(TS);
    assert.doesNotThrow(() => new Webhook(next).verify(BODY, { ...headers }));
    assert.doesNotThrow(() => new Webhook(SECRET).verify(BODY, { ...headers }));
    const afterExpiry = buildWebhookHeaders(MSG_ID, new Date(TS * 1000), BODY, [next]);
    assert.throws(() => new Webhook(SECRET).verify(BODY, { ...afterExpiry }), /No matching signature/);
  });

  it('our verifier: missing headers, bad timestamps, wrong versions and partial signatures fail', () => {
    const h = buildWebhookHeaders(MSG_ID, new Date(TS * 1000), BODY, [SECRET]);
    assert.deepEqual(verifyWebhook(SECRET, { ...h, 'webhook-id': undefined }, BODY, TS), {
      ok: false,
      reason: 'missing_headers',
    });
    assert.deepEqual(verifyWebhook(SECRET, { ...h, 'webhook-timestamp': 'abc' }, BODY, TS), {
      ok: false,
      reason: 'bad_timestamp',
    });
    const v2 = { ...h, 'webhook-signature': h['webhook-signature'].replace('v1,', 'v2,') };
    assert.equal(verifyWebhook(SECRET, v2, BODY, TS).ok, false);
    const partial = { ...h, 'webhook-signature': h['webhook-signature'].slice(0, 20) };
    assert.equal(verifyWebhook(SECRET, partial, BODY, TS).ok, false);
    const multi = { ...h, 'webhook-signature': `v1,Zm9v ${h['webhook-signature']}` };
    assert.equal(verifyWebhook(SECRET, multi, BODY, TS).ok, true);
  });
});
