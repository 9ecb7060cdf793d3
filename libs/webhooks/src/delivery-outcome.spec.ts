import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyDeliveryResponse } from './delivery-outcome';
import {
  DEFAULT_DISABLE_POLICY,
  HEALTHY_ENDPOINT,
  endpointDisableReason,
  recordAttemptResult,
} from './endpoint-health';

const NOW = Date.parse('2026-03-03T21:00:00Z');
const DAY = 86_400_000;

describe('delivery outcomes', () => {
  it('2xx delivered, 410 gone, 3xx a failure (redirects are not followed)', () => {
    assert.deepEqual(classifyDeliveryResponse(204, {}, NOW), { kind: 'delivered' });
    assert.deepEqual(classifyDeliveryResponse(410, {}, NOW), { kind: 'gone' });
    assert.deepEqual(classifyDeliveryResponse(302, { location: 'http://elsewhere' }, NOW), {
      kind: 'retry',
      retryAfterMs: null,
      reason: 'redirect 302 not followed',
    });
  });

  it('carries Retry-After on 429 and 503', () => {
    assert.deepEqual(classifyDeliveryResponse(429, { 'retry-after': '120' }, NOW), {
      kind: 'retry',
      retryAfterMs: 120_000,
      reason: 'http 429',
    });
    const r = classifyDeliveryResponse(503, { 'Retry-After': ['30'] }, NOW);
    assert.equal(r.kind === 'retry' && r.retryAfterMs, 30_000);
  });

  it('honours the Svix abort header', () => {
    assert.deepEqual(classifyDeliveryResponse(500, { 'webhook-delivery': 'abort-message' }, NOW), { kind: 'aborted' });
  });
});

describe('endpoint auto-disable', () => {
  it('T13: failing continuously for 5 days disables with reason failing; a success resets', () => {
    let h = HEALTHY_ENDPOINT;
    h = recordAttemptResult(h, false, NOW);
    h = recordAttemptResult(h, false, NOW + DAY);
    assert.equal(endpointDisableReason(h, NOW + 4 * DAY), null);
    assert.equal(endpointDisableReason(h, NOW + 5 * DAY), 'failing');
    h = recordAttemptResult(h, true, NOW + 5 * DAY);
    assert.deepEqual(h, { failingSince: null, consecutiveFailures: 0, lastSuccessAt: NOW + 5 * DAY });
    assert.equal(endpointDisableReason(h, NOW + 30 * DAY), null);
  });

  it('a single failure does not start the clock', () => {
    const h = recordAttemptResult(HEALTHY_ENDPOINT, false, NOW);
    assert.equal(endpointDisableReason(h, NOW + 10 * DAY), null);
  });

  it('40 consecutive failures disable regardless of time', () => {
    let h = HEALTHY_ENDPOINT;
    for (let i = 0; i < DEFAULT_DISABLE_POLICY.maxConsecutiveFailures; i++) h = recordAttemptResult(h, false, NOW + i);
    assert.equal(endpointDisableReason(h, NOW + 60), 'failing');
  });
});
