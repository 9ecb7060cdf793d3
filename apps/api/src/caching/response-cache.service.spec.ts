import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppConfig } from '@labpulse/config';
import { representation } from './representation';
import { type Rendered, ResponseCache, entryBytes } from './response-cache.service';

const MB = 1024 ** 2;
const cache = (seconds: number, cacheMaxBytes = 64 * MB, cacheEntryMaxBytes = 2 * MB) =>
  new ResponseCache({
    api: { port: 0, rateLimitPerMinute: 1, cacheSeconds: seconds, cacheMaxBytes, cacheEntryMaxBytes },
  } as AppConfig);
const rendered = (body: string, ttlMs: number): Rendered => ({
  representation: representation(body, 'text/plain', 'no-cache'),
  ttlMs,
});

test('concurrent misses for one key share a single render', async () => {
  const c = cache(60);
  let renders = 0;
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const render = async () => {
    renders += 1;
    await gate;
    return rendered('x', 60_000);
  };
  const all = Promise.all([c.get('k', render), c.get('k', render), c.get('k', render)]);
  release();
  const reps = await all;
  assert.equal(renders, 1);
  assert.ok(reps.every((r) => r === reps[0]));
  await c.get('k', render);
  assert.equal(renders, 1, 'then served from the cache');
});

test('failures and ttl 0 are not kept; a disabled cache always renders', async () => {
  const c = cache(60);
  await assert.rejects(
    c.get('k', () => Promise.reject(new Error('boom'))),
    /boom/,
  );
  let renders = 0;
  const render = async () => {
    renders += 1;
    return rendered('x', 0);
  };
  await c.get('k', render);
  await c.get('k', render);
  assert.equal(renders, 2);
  const off = cache(0);
  await off.get('j', async () => rendered('y', 60_000));
  let again = false;
  await off.get('j', async () => {
    again = true;
    return rendered('y', 60_000);
  });
  assert.ok(again);
});

test('a request is replayable only while the entry it was answered from is stored and fresh', async () => {
  const c = cache(60);
  const replay = { requestKey: '/v1/trends?labs=a\n', route: '/v1/trends' };
  assert.equal(c.replayFor(replay.requestKey), undefined);
  await c.get('short', async () => rendered('x', 0), replay);
  assert.equal(c.replayFor(replay.requestKey), undefined, 'an answer not kept is not replayed');
  const rep = await c.get('k', async () => rendered('y', 60_000), replay);
  assert.deepEqual(c.replayFor(replay.requestKey), { representation: rep, route: '/v1/trends' });
  const other = { requestKey: '/v1/trends?labs=a&x=\n', route: '/v1/trends' };
  await c.get('k', async () => rendered('z', 60_000), other);
  assert.equal(
    c.replayFor(other.requestKey)?.representation,
    rep,
    'another spelling of a cached query joins its entry',
  );
  const now = Date.now();
  const clock = mock.method(Date, 'now', () => now + 61_000);
  try {
    assert.equal(c.replayFor(replay.requestKey), undefined, 'expired');
  } finally {
    clock.mock.restore();
  }
  assert.equal(c.replayFor(replay.requestKey), undefined, 'and forgotten');
});

test("a hit late in an entry's life renders its successor in the background and serves the current one meanwhile", async () => {
  const c = cache(60);
  let renders = 0;
  let release: () => void = () => undefined;
  const render = async () => {
    renders += 1;
    if (renders > 1) await new Promise<void>((resolve) => (release = resolve));
    return rendered(`v${renders}`, 60_000);
  };
  const first = await c.get('k', render);
  const now = Date.now();
  const clock = mock.method(Date, 'now', () => now + 30_000);
  try {
    assert.equal(await c.get('k', render), first);
    assert.equal(renders, 1, 'not yet due at half its life');
    clock.mock.mockImplementation(() => now + 50_000);
    assert.equal(await c.get('k', render), first, 'due: the current answer is served at once');
    assert.equal(await c.get('k', render), first);
    assert.equal(renders, 2, 'one background render');
    release();
    await new Promise((resolve) => setImmediate(resolve));
    const next = await c.get('k', render);
    assert.equal(next.body.toString(), 'v2');
    clock.mock.mockImplementation(() => now + 95_000);
    assert.equal(await c.get('k', render), next, 'the successor lives its own ttl');
    assert.equal(renders, 2);
  } finally {
    clock.mock.restore();
  }
});

test('distinct queries cannot grow the cache past its byte budget; answers over the entry limit are sent but not kept', async () => {
  // Issue 16: 560 distinct trend answers of ~5 MB grew RSS from 817 MB to 2.5 GB.
  const c = cache(60, 8 * MB, 2 * MB);
  const body = 'x'.repeat(512 * 1024);
  for (let i = 0; i < 100; i++) await c.get(`q${i}`, async () => rendered(`${i}${body}`, 60_000));
  assert.ok(c.bytes <= 8 * MB, `${c.bytes} bytes held`);
  assert.equal(c.size, Math.floor((8 * MB) / entryBytes(rendered(`0${body}`, 1).representation)));
  let renders = 0;
  const big = async () => {
    renders += 1;
    return rendered('y'.repeat(5 * MB), 60_000);
  };
  assert.equal((await c.get('big', big)).body.length, 5 * MB);
  await c.get('big', big);
  assert.equal(renders, 2, 'a 5 MB answer is rendered each time, never cached');
  assert.ok(c.bytes <= 8 * MB);
  c.onModuleDestroy();
});

test('expired entries are dropped within seconds even when nothing asks for them again', async () => {
  mock.timers.enable({ apis: ['setInterval', 'Date'], now: Date.now() });
  try {
    const c = cache(60);
    for (let i = 0; i < 10; i++) await c.get(`q${i}`, async () => rendered(`answer ${i}`, 60_000));
    assert.equal(c.size, 10);
    mock.timers.tick(59_000);
    assert.equal(c.size, 10);
    mock.timers.tick(6_000);
    assert.equal(c.size, 0);
    assert.equal(c.bytes, 0);
    c.onModuleDestroy();
  } finally {
    mock.timers.reset();
  }
});
