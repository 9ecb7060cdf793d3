import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './load-config';

test('alerting defaults: Svix schedule, 15 s timeout, https only, no private targets, real clock', () => {
  const config = loadConfig({});
  assert.deepEqual(config.webhooks, {
    secretKey: null,
    previousSecretKeys: [],
    allowPrivate: false,
    requireHttps: true,
    timeoutMs: 15_000,
    retryDelaysMs: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
  });
  assert.deepEqual(config.alerts, {
    evaluationIntervalMs: 60_000,
    allowedLatenessMs: 600_000,
    lookbackMs: 86_400_000,
    evaluationNow: null,
    publicBaseUrl: null,
  });
});

test('alerting values are parsed: flags, a retry table in any unit, a pinned evaluation instant', () => {
  const config = loadConfig({
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_REQUIRE_HTTPS: 'false',
    WEBHOOK_RETRY_SCHEDULE: '50ms, 1s,2m',
    ALERT_EVALUATION_NOW: '2026-10-08T12:15:00Z',
    PUBLIC_BASE_URL: 'https://labpulse.example.com',
  });
  assert.equal(config.webhooks.allowPrivate, true);
  assert.equal(config.webhooks.requireHttps, false);
  assert.deepEqual(config.webhooks.retryDelaysMs, [50, 1_000, 120_000]);
  assert.equal(config.alerts.evaluationNow, Date.parse('2026-10-08T12:15:00Z'));
  assert.equal(config.alerts.publicBaseUrl, 'https://labpulse.example.com');
});

for (const [variable, value] of [
  ['WEBHOOK_ALLOW_PRIVATE', 'yes'],
  ['WEBHOOK_RETRY_SCHEDULE', '5s,soon'],
  ['WEBHOOK_RETRY_SCHEDULE', Array(16).fill('1s').join(',')],
  ['WEBHOOK_TIMEOUT_MS', '10'],
  ['ALERT_EVALUATION_NOW', '2026-10-08 12:15'],
  ['PUBLIC_BASE_URL', 'ftp://example.com'],
] as const) {
  test(`a malformed ${variable} is named`, () => {
    assert.throws(
      () => loadConfig({ [variable]: value }),
      (error: unknown) =>
        error instanceof ConfigError && error.message.startsWith(`invalid configuration: ${variable} `),
    );
  });
}

test('WEBHOOK_SECRET_KEY and the previous keys are 32 bytes in base64; anything else stops the process naming the variable', () => {
  const key = Buffer.alloc(32, 7);
  const config = loadConfig({
    WEBHOOK_SECRET_KEY: key.toString('base64'),
    WEBHOOK_SECRET_KEYS_PREVIOUS: `${Buffer.alloc(32, 1).toString('base64')},${Buffer.alloc(32, 2).toString('base64url')}`,
  });
  assert.deepEqual(config.webhooks.secretKey, key);
  assert.deepEqual(config.webhooks.previousSecretKeys, [Buffer.alloc(32, 1), Buffer.alloc(32, 2)]);
  assert.throws(
    () => loadConfig({ WEBHOOK_SECRET_KEY: Buffer.alloc(16).toString('base64') }),
    /WEBHOOK_SECRET_KEY must be 32 random bytes in base64/,
  );
  assert.throws(() => loadConfig({ WEBHOOK_SECRET_KEYS_PREVIOUS: 'short' }), /WEBHOOK_SECRET_KEYS_PREVIOUS must be/);
});
