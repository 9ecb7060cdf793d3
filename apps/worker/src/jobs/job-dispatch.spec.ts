import 'reflect-metadata';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Job, UnrecoverableError } from 'bullmq';
import type { RescoreService } from '../score/rescore.service';
import { ScoreProcessor } from '../score/score.processor';
import type { ScoreService } from '../score/score.service';
import { type JobHandlers, dispatchJob } from './job-dispatch';

/** Only what the handlers read: a name, a payload and updateData. */
function fakeJob(name: string, data: unknown): Job {
  return { name, data, updateData: async () => {} } as unknown as Job;
}

function scoreProcessor(calls: string[]): ScoreProcessor {
  const scores = { score: async (ids: string[]) => (calls.push(`score ${ids.join(',')}`), { scored: 2, skipped: 0 }) };
  const rescores = {
    rescore: async (range: { from: string }) => (calls.push(`rescore ${range.from}`), { scored: 5, days: 1 }),
  };
  return new ScoreProcessor(scores as unknown as ScoreService, rescores as unknown as RescoreService);
}

test('a queue runs the handler its job name names, with that job payload', async () => {
  const calls: string[] = [];
  const processor = scoreProcessor(calls);
  assert.deepEqual(await processor.process(fakeJob('score', { postIds: ['1', '2'] })), { scored: 2, skipped: 0 });
  assert.deepEqual(await processor.process(fakeJob('rescore', { from: '2026-01-01', to: '2026-01-02' })), {
    scored: 5,
    days: 1,
  });
  assert.deepEqual(calls, ['score 1,2', 'rescore 2026-01-01']);
});

test('an unknown job name fails that job without retries, naming it and the queue, and runs nothing', async () => {
  const calls: string[] = [];
  const processor = scoreProcessor(calls);
  for (const name of ['re-score', 'toString', '__proto__', '']) {
    await assert.rejects(
      async () => processor.process(fakeJob(name, {})),
      (error: unknown) =>
        error instanceof UnrecoverableError &&
        error.message.includes(`"${name}"`) &&
        error.message.includes('queue score'),
    );
  }
  assert.deepEqual(calls, []);
});

test('a handler map must name every job of its queue, and only those (checked by the compiler)', () => {
  // @ts-expect-error: 'retention' is missing
  const missing: JobHandlers<'schedule'> = { fanout: async () => ({ polls: 0, stranded: 0, dirty: 0 }) };
  const misspelled: JobHandlers<'aggregate'> = {
    aggregate: async () => ({ buckets: 0 }),
    // @ts-expect-error: no job 'agregate' in the catalogue
    agregate: async () => ({ buckets: 0 }),
  };
  assert.ok(missing && misspelled);
  assert.throws(() => dispatchJob('schedule', missing, fakeJob('retention', {})), UnrecoverableError);
});
