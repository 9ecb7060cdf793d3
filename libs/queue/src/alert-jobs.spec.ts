import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DELIVER_MAX_ATTEMPTS, WEBHOOK_BACKOFF, jobOptionsFor } from './job-options';
import { resolveWorkerQueues } from './worker-roles';

test('a delivery is one job: its id is the delivery id, and each replay round gets its own', () => {
  const first = jobOptionsFor({ queue: 'deliver', name: 'deliver', data: { deliveryId: 'd1', round: 0 } });
  assert.equal(first.jobId, 'd1');
  assert.equal(
    jobOptionsFor({ queue: 'deliver', name: 'deliver', data: { deliveryId: 'd1', round: 2 } }).jobId,
    'd1-r2',
  );
  assert.deepEqual(first.backoff, { type: WEBHOOK_BACKOFF });
  assert.ok(DELIVER_MAX_ATTEMPTS > 16, 'a ceiling above the longest schedule the config accepts');
});

test('triggered evaluations coalesce; one pinned to an instant is never dropped', () => {
  assert.equal(jobOptionsFor({ queue: 'evaluate', name: 'evaluate', data: {} }).deduplication?.id, 'evaluate');
  assert.equal(
    jobOptionsFor({ queue: 'evaluate', name: 'evaluate', data: { now: '2026-10-08T12:00:00Z' } }).deduplication,
    undefined,
  );
});

test('the alerts role runs evaluation and delivery', () => {
  assert.deepEqual(resolveWorkerQueues(['alerts']), ['evaluate', 'deliver']);
});
