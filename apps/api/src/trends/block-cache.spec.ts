import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BlockCache } from './block-cache';

const value = (n: number) => new Float64Array(n);
const bytes = (v: Float64Array) => v.byteLength;

/** A loader that records the keys it was asked for and keeps every value unless told otherwise. */
function recordingLoader(keep = (_key: string) => true) {
  const calls: string[][] = [];
  const load = (missing: string[]) => {
    calls.push(missing);
    return Promise.resolve(new Map(missing.map((k) => [k, { value: value(Number(k.split(':')[1])), keep: keep(k) }])));
  };
  return { calls, load };
}

test('held keys are not loaded again; only the missing ones are, in one call', async () => {
  const cache = new BlockCache(1_000_000, 60_000, bytes);
  const { calls, load } = recordingLoader();
  await cache.load(['a:1', 'b:2'], load);
  const got = await cache.load(['a:1', 'c:3', 'b:2'], load);
  assert.deepEqual(calls, [['a:1', 'b:2'], ['c:3']]);
  assert.deepEqual(
    got.map((v) => v.length),
    [1, 3, 2],
  );
});

test('concurrent callers missing the same key share one load', async () => {
  const cache = new BlockCache(1_000_000, 60_000, bytes);
  const { calls, load } = recordingLoader();
  const [first, second] = await Promise.all([cache.load(['a:1', 'b:2'], load), cache.load(['b:2', 'c:3'], load)]);
  assert.deepEqual(calls, [['a:1', 'b:2'], ['c:3']]);
  assert.equal(first[1], second[0], 'the same block, read once');
});

test('values the loader marks open are served to that load but never kept', async () => {
  const cache = new BlockCache(1_000_000, 60_000, bytes);
  const { calls, load } = recordingLoader((k) => !k.startsWith('open'));
  await cache.load(['open:1', 'closed:1'], load);
  await cache.load(['open:1', 'closed:1'], load);
  assert.deepEqual(calls, [['open:1', 'closed:1'], ['open:1']]);
});

test('the byte budget holds: least recently used out first', async () => {
  const cache = new BlockCache(3 * 80, 60_000, bytes); // three 10-number blocks
  const { calls, load } = recordingLoader();
  await cache.load(['a:10', 'b:10', 'c:10'], load);
  await cache.load(['a:10'], load); // a is now the most recent
  await cache.load(['d:10'], load); // evicts b
  assert.ok(cache.bytes <= 240);
  await cache.load(['a:10', 'c:10', 'd:10'], load);
  await cache.load(['b:10'], load);
  assert.deepEqual(calls.slice(1), [['d:10'], ['b:10']]);
});

test('a value larger than the budget is served and not kept; a zero budget keeps nothing', async () => {
  for (const budget of [100, 0]) {
    const cache = new BlockCache(budget, 60_000, bytes);
    const { calls, load } = recordingLoader();
    await cache.load(['big:50'], load);
    await cache.load(['big:50'], load);
    assert.equal(calls.length, 2);
    assert.equal(cache.bytes, 0);
  }
});

test('expired values are loaded again and swept', async () => {
  const cache = new BlockCache(1_000_000, 1, bytes);
  const { calls, load } = recordingLoader();
  await cache.load(['a:1'], load);
  cache.sweep(Date.now() + 10);
  assert.equal(cache.size, 0);
  await cache.load(['a:1'], load);
  assert.equal(calls.length, 2);
});

test('a failed load reaches every caller waiting on it and keeps nothing', async () => {
  const cache = new BlockCache(1_000_000, 60_000, bytes);
  const failing = () => Promise.reject(new Error('database gone'));
  await Promise.all([
    assert.rejects(cache.load(['a:1'], failing), /database gone/),
    assert.rejects(cache.load(['a:1'], failing), /database gone/),
  ]);
  const { calls, load } = recordingLoader();
  await cache.load(['a:1'], load);
  assert.deepEqual(calls, [['a:1']]);
});

test('a loader that leaves a key out fails that key, naming it', async () => {
  const cache = new BlockCache(1_000_000, 60_000, bytes);
  await assert.rejects(
    cache.load(['a:1', 'b:1'], () => Promise.resolve(new Map([['a:1', { value: value(1), keep: true }]]))),
    /no value for b:1/,
  );
});
