import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AppConfig } from '@labpulse/config';
import { representation } from './representation';
import { type Rendered, ResponseCache } from './response-cache.service';

const cache = (seconds: number) => new ResponseCache({ api: { port: 0, rateLimitPerMinute: 1, cacheSeconds: seconds } } as AppConfig);
const rendered = (body: string, ttlMs: number): Rendered => ({ representation: representation(body, 'text/plain', 'no-cache'), ttlMs });

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
  await assert.rejects(c.get('k', () => Promise.reject(new Error('boom'))), /boom/);
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
