import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { deleteRedisKeys } from './redis-keys';
import { testConfig } from './test-config';

test('deleteRedisKeys removes every key of one prefix, across SCAN pages, and no other', async () => {
  const config = testConfig();
  const mine = `{${config.queue.prefix}}`;
  const other = `{${config.queue.prefix}x}`;
  const redis = new Redis(config.redis.url);
  try {
    // More keys than one SCAN page (COUNT 1000), so the cursor loop must go round.
    await redis.mset(...Array.from({ length: 2500 }, (_, i) => [`${mine}:k${i}`, '1']).flat());
    await redis.set(`${other}:keep`, '1');
    await deleteRedisKeys(config.redis.url, `${mine}*`);
    assert.equal((await redis.keys(`${mine}*`)).length, 0);
    assert.equal(await redis.get(`${other}:keep`), '1');
  } finally {
    await redis.del(`${other}:keep`);
    redis.disconnect();
  }
});
