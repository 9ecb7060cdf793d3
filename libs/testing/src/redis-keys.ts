import { Redis } from 'ioredis';

/**
 * Deletes the Redis keys matching `pattern` (a SCAN MATCH glob, e.g. `{run123}*` for one queue
 * prefix), so test runs and benchmarks leave the shared Redis as they found it. Best effort: a
 * failure is reported on stderr, never thrown, as it runs in `finally` blocks.
 */
export async function deleteRedisKeys(url: string, pattern: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch (error) {
    process.stderr.write(`could not delete Redis keys ${pattern}: ${(error as Error).message}\n`);
  } finally {
    redis.disconnect();
  }
}
