import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockedAddressError } from '@labpulse/webhooks';
import { RetryLaterError, webhookBackoff } from './delivery-errors';
import { classifyTransportError } from './webhook-http.client';

test('BullMQ waits what the failed attempt decided (schedule, jitter and Retry-After included)', () => {
  assert.equal(webhookBackoff(3, 'webhook-schedule', new RetryLaterError(120_000, 'x')), 120_000);
  assert.equal(webhookBackoff(1, 'webhook-schedule', new Error('database down')), 1_000);
  assert.equal(webhookBackoff(20, 'webhook-schedule', new Error('database down')), 60_000);
});

test('transport errors are classified, a blocked address first wherever it sits in the chain', () => {
  const wrapped = Object.assign(new Error('connect failed'), {
    cause: new BlockedAddressError('10.0.0.5', 'private', 'rebind.example.com'),
  });
  assert.equal(classifyTransportError(wrapped), 'blocked_address');
  assert.equal(classifyTransportError(new AggregateError([wrapped])), 'blocked_address');
  assert.equal(
    classifyTransportError(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    'timeout',
  );
  assert.equal(classifyTransportError(Object.assign(new Error('x'), { code: 'UND_ERR_HEADERS_TIMEOUT' })), 'timeout');
  assert.equal(classifyTransportError(Object.assign(new Error('x'), { code: 'ENOTFOUND' })), 'dns');
  assert.equal(classifyTransportError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), 'connection');
  assert.equal(classifyTransportError(new Error('weird')), 'network');
});
