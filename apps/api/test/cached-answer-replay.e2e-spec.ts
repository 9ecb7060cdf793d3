import { after, before, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@labpulse/config';
import {
  createTestApiKey,
  openTestDatabase,
  resetData,
  seedScoredPosts,
  type TestApiKey,
  testConfig,
} from '@labpulse/testing';
import { ResponseCache } from '../src/caching/response-cache.service';
import { listeningApi } from './support/listening-api';

/**
 * The replay middleware answers a repeated request from the response cache before routing, guards
 * and pipes: it must answer exactly as the full pipeline does, and still check the key, the scope
 * and the rate limit.
 */
let app: INestApplication;
let db: DataSource;
let base: string;
let config: AppConfig;
let read: TestApiKey;
let replays: ReturnType<typeof mock.method>;

const CLOSED = '/v1/trends?labs=openai&interval=day&from=2026-10-01&to=2026-10-03';

before(async () => {
  config = testConfig({ API_CACHE_SECONDS: '120' });
  db = await openTestDatabase(config);
  await resetData(db);
  await seedScoredPosts(db, [
    {
      platform: 'x',
      id: '1',
      at: '2026-10-01T10:00:00Z',
      sentiment: { label: 'positive', score: 0.5 },
      mentions: [{ lab: 'openai', stance: 'favor', score: 0.4 }],
    },
  ]);
  read = await createTestApiKey(db, 'read');
  ({ app, base } = await listeningApi(config));
  const cache = app.get(ResponseCache);
  replays = mock.method(cache, 'replayFor');
});
after(async () => {
  await app?.close();
  await db?.destroy();
});

async function get(path: string, headers: Record<string, string>) {
  const res = await fetch(`${base}${path}`, { headers });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Calls of ResponseCache.replayFor since `from` that found a fresh answer. */
function replayHits(from: number): number {
  return replays.mock.calls.slice(from).filter((call) => call.result !== undefined).length;
}

const SAME_HEADERS = ['content-type', 'etag', 'cache-control', 'vary', 'ratelimit-limit', 'ratelimit-policy'];

test('a repeated request is answered from the cache as the full pipeline answered it, counted once', async () => {
  const calls = replays.mock.callCount();
  const first = await get(CLOSED, read.headers);
  assert.equal(first.status, 200);
  assert.equal(replayHits(calls), 0, 'the first answer comes from the handler');
  const second = await get(CLOSED, read.headers);
  const third = await get(CLOSED, read.headers);
  assert.equal(replayHits(calls), 2, 'then from the replay');
  for (const again of [second, third]) {
    assert.equal(again.status, 200);
    assert.equal(again.text, first.text);
    for (const name of SAME_HEADERS) assert.equal(again.headers.get(name), first.headers.get(name), name);
    assert.match(again.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  }
  const remaining = [first, second, third].map((r) => Number(r.headers.get('ratelimit-remaining')));
  assert.deepEqual(remaining, [remaining[0], remaining[0] - 1, remaining[0] - 2], 'each request counted exactly once');
  const revalidated = await get(CLOSED, { ...read.headers, 'if-none-match': first.headers.get('etag') ?? '' });
  assert.equal(revalidated.status, 304);
});

test('a replayed request still needs a valid key with the read scope', async () => {
  assert.equal((await get(CLOSED, read.headers)).status, 200);
  const calls = replays.mock.callCount();
  const none = await get(CLOSED, {});
  assert.equal(none.status, 401);
  assert.match(none.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer realm="labpulse"$/);
  const unknown = await get(CLOSED, { authorization: `Bearer lp_${'x'.repeat(40)}` });
  assert.equal(unknown.status, 401);
  assert.match(unknown.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
  assert.equal(replayHits(calls), 2, 'the answers were there to replay, and were not sent');
});

test('Accept picks the representation: a cached JSON answer is not replayed to a CSV request', async () => {
  assert.equal((await get(CLOSED, read.headers)).headers.get('content-type'), 'application/json; charset=utf-8');
  const csv = await get(CLOSED, { ...read.headers, accept: 'text/csv' });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  assert.equal((await get(CLOSED, { ...read.headers, accept: 'text/csv' })).text, csv.text);
  assert.equal((await get(CLOSED, read.headers)).headers.get('content-type'), 'application/json; charset=utf-8');
});

test('over the limit, a replayed request is a 429 with Retry-After, and counted once', async () => {
  const limited = await createTestApiKey(db, 'read', { rateLimitPerMinute: 3 });
  const path = '/v1/compare?labs=openai&from=2026-10-01&to=2026-10-02';
  const answers = [];
  for (let i = 0; i < 4; i += 1) answers.push(await get(path, limited.headers));
  assert.deepEqual(
    answers.map((a) => a.status),
    [200, 200, 200, 429],
  );
  assert.deepEqual(
    answers.map((a) => a.headers.get('ratelimit-remaining')),
    ['2', '1', '0', '0'],
  );
  assert.match(answers[3].headers.get('retry-after') ?? '', /^[1-9][0-9]*$/);
  assert.match(answers[3].headers.get('content-type') ?? '', /^application\/problem\+json/);
  const redis = new Redis(config.redis.url);
  try {
    assert.equal(
      await redis.get(`{${config.queue.prefix}}:ratelimit:${limited.id}`),
      '3',
      'the three answered requests were reserved once each; the refused one takes nothing',
    );
  } finally {
    redis.disconnect();
  }
});

test('replayed answers are timed under their route pattern', async () => {
  const count = async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const line = text
      .split('\n')
      .find(
        (l) =>
          l.startsWith('labpulse_http_request_duration_seconds_count{') &&
          l.includes('route="/v1/trends"') &&
          l.includes('status="200"'),
      );
    return Number(line?.split(' ').pop() ?? 0);
  };
  await get(CLOSED, read.headers);
  const before = await count();
  const calls = replays.mock.callCount();
  await get(CLOSED, read.headers);
  await get(CLOSED, read.headers);
  assert.equal(replayHits(calls), 2);
  assert.equal(await count(), before + 2);
});
