import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jobOptionsFor, schedulerTemplateOptions } from './job-options';

test('jobs made by a scheduler carry the removal limits and retries of the same job added by hand', () => {
  const fanout = { queue: 'schedule', name: 'fanout', data: {} } as const;
  const template = schedulerTemplateOptions(fanout);
  assert.deepEqual(template.removeOnComplete, jobOptionsFor(fanout).removeOnComplete);
  assert.deepEqual(template.removeOnFail, jobOptionsFor(fanout).removeOnFail);
  assert.ok(template.removeOnComplete, 'completed fan-out jobs are trimmed');
  const evaluate = schedulerTemplateOptions({ queue: 'evaluate', name: 'evaluate', data: {} });
  assert.ok(evaluate.removeOnComplete && evaluate.removeOnFail);
  assert.equal(evaluate.attempts, 3);
  // A template may not carry what the scheduler owns: BullMQ rejects or ignores these.
  for (const key of ['jobId', 'delay', 'deduplication']) assert.ok(!(key in evaluate), `${key} left out`);
});
