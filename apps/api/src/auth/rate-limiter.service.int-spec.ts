import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { testConfig } from '@labpulse/testing';
import { RateLimiter } from './rate-limiter.service';

/** Against the real Redis: two RateLimiter instances stand for two API replicas. */
const config = testConfig();
const replicas = [new RateLimiter(config), new RateLimiter(config)];
const redis = new Redis(config.redis.url);
before(async () => {
  // Until its connection is up a limiter lets requests through uncounted; wait for both.
  for (const limiter of replicas) {
    for (let i = 0; (await limiter.consume(randomUUID(), 2)).remaining === 2; i += 1) {
      assert.ok(i < 200, 'Redis connection not ready');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
});
after(() => {
  for (const limiter of replicas) limiter.onApplicationShutdown();
  redis.disconnect();
});

test('one replica counts exactly: Remaining goes down by one per request, then 429s', async () => {
  const key = randomUUID();
  const remaining = [];
  for (let i = 0; i < 5; i += 1) {
    const d = await replicas[0].consume(key, 3);
    remaining.push([d.allowed, d.remaining]);
    assert.ok(d.resetSeconds >= 1 && d.resetSeconds <= 60);
  }
  assert.deepEqual(remaining, [
    [true, 2],
    [true, 1],
    [true, 0],
    [false, 0],
    [false, 0],
  ]);
  const big = randomUUID();
  const seen = [];
  for (let i = 0; i < 200; i += 1) seen.push((await replicas[0].consume(big, 1000)).remaining);
  assert.deepEqual(
    seen,
    Array.from({ length: 200 }, (_, i) => 999 - i),
  );
});

test('many requests share one Redis reservation, never reserving past the limit', async () => {
  const key = randomUUID();
  for (let i = 0; i < 10; i += 1) await replicas[0].consume(key, 1000);
  const reserved = Number(await redis.get(`{${config.queue.prefix}}:ratelimit:${key}`));
  assert.ok(reserved > 10 && reserved <= 100, `one lease covered the ten requests (reserved ${reserved})`);
  const small = randomUUID();
  for (let i = 0; i < 8; i += 1) await replicas[0].consume(small, 5);
  assert.equal(await redis.get(`{${config.queue.prefix}}:ratelimit:${small}`), '5');
});

test('replicas together never let more than the limit through, concurrent or in turn', async () => {
  const key = randomUUID();
  const decisions = await Promise.all(Array.from({ length: 300 }, (_, i) => replicas[i % 2].consume(key, 120)));
  assert.equal(decisions.filter((d) => d.allowed).length, 120);
  const turns = randomUUID();
  const statuses = [];
  for (const i of [0, 1, 0, 1, 1]) statuses.push((await replicas[i].consume(turns, 4)).allowed);
  assert.deepEqual(statuses, [true, true, true, true, false]);
});

test('without Redis, requests are let through', async () => {
  const away = new RateLimiter(testConfig({ REDIS_URL: 'redis://127.0.0.1:1' }));
  try {
    const d = await away.consume(randomUUID(), 2);
    assert.deepEqual(d, { allowed: true, limit: 2, remaining: 2, resetSeconds: 60 });
  } finally {
    away.onApplicationShutdown();
  }
});
