import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobOptionsFor } from './job-options';
import { QUEUE_NAMES } from './queue-catalogue';
import { resolveWorkerConcurrency, resolveWorkerQueues } from './worker-roles';

test('no roles means every queue', () => {
  assert.deepEqual(resolveWorkerQueues([]), [...QUEUE_NAMES]);
});

test('the poll alias expands to every poll queue, in catalogue order', () => {
  assert.deepEqual(resolveWorkerQueues(['score', 'poll']), [
    'poll-x',
    'poll-facebook',
    'poll-linkedin',
    'import',
    'score',
  ]);
});

test('an unknown role fails naming it', () => {
  assert.throws(() => resolveWorkerQueues(['score', 'scroe']), /WORKER_QUEUES names unknown queue "scroe"/);
});

test('WORKER_CONCURRENCY names are checked against the catalogue', () => {
  assert.deepEqual(resolveWorkerConcurrency({ score: 2, 'poll-x': 8 }), { score: 2, 'poll-x': 8 });
  assert.throws(
    () => resolveWorkerConcurrency({ scroe: 2 }),
    /^ConfigError: invalid configuration: WORKER_CONCURRENCY names unknown queue "scroe" \(known: schedule, poll-x/,
  );
  assert.throws(() => resolveWorkerConcurrency({ poll: 4 }), /WORKER_CONCURRENCY names unknown queue "poll"/);
});

test('polls of one source share a job id so they never overlap', () => {
  const a = jobOptionsFor({ queue: 'poll-x', name: 'poll', data: { sourceId: 's1' } });
  const b = jobOptionsFor({ queue: 'poll-x', name: 'poll', data: { sourceId: 's1' } });
  const c = jobOptionsFor({ queue: 'poll-x', name: 'poll', data: { sourceId: 's2' } });
  assert.equal(a.jobId, b.jobId);
  assert.notEqual(a.jobId, c.jobId);
});

test('aggregate requests coalesce only until the job may run, so a request during a run is never dropped', () => {
  const options = jobOptionsFor({ queue: 'aggregate', name: 'aggregate', data: {} });
  assert.equal(options.jobId, undefined);
  assert.ok(options.deduplication?.ttl !== undefined && options.delay !== undefined);
  assert.ok(options.deduplication.ttl < options.delay, 'the dedup window closes before the job can start');
});

test('backfill score jobs wait behind fresh ones (BullMQ takes jobs without a priority first)', () => {
  assert.equal(jobOptionsFor({ queue: 'score', name: 'score', data: { postIds: ['1'] } }).priority, undefined);
  assert.ok(
    (jobOptionsFor({ queue: 'score', name: 'score', data: { postIds: ['1'], backfill: true } }).priority ?? 0) > 0,
  );
});
