import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './load-config';

test('WORKER_CONCURRENCY is empty by default: every queue keeps its default', () => {
  assert.deepEqual(loadConfig({}).worker.concurrency, {});
});

test('WORKER_CONCURRENCY sets per-queue concurrency by queue name', () => {
  const config = loadConfig({ WORKER_CONCURRENCY: 'score=2, poll-x=8 ,deliver=20,' });
  assert.deepEqual(config.worker.concurrency, { score: 2, 'poll-x': 8, deliver: 20 });
});

const bad: Array<[string, RegExp]> = [
  ['score=0', /^invalid configuration: WORKER_CONCURRENCY score must be a whole number from 1 to 1000, not "0"$/],
  ['score=-3', /^invalid configuration: WORKER_CONCURRENCY score must be a whole number from 1 to 1000, not "-3"$/],
  ['deliver=2.5', /^invalid configuration: WORKER_CONCURRENCY deliver must be a whole number/],
  ['deliver=many', /^invalid configuration: WORKER_CONCURRENCY deliver must be a whole number/],
  ['score=5000', /^invalid configuration: WORKER_CONCURRENCY score must be a whole number from 1 to 1000/],
  ['score', /^invalid configuration: WORKER_CONCURRENCY entry "score" is not queue=count/],
  ['score=2,score=3', /^invalid configuration: WORKER_CONCURRENCY names score twice$/],
];
for (const [value, message] of bad) {
  test(`WORKER_CONCURRENCY=${value} is refused with one line naming the variable`, () => {
    assert.throws(
      () => loadConfig({ WORKER_CONCURRENCY: value }),
      (error: unknown) => error instanceof ConfigError && message.test(error.message) && !error.message.includes('\n'),
    );
  });
}
