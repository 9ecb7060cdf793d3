import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createTestApiKey, openTestDatabase, resetData, seedScoredPosts, testConfig } from '@labpulse/testing';
import { listeningApi } from './support/listening-api';

let app: INestApplication;
let db: DataSource;
let base: string;
let auth: { authorization: string };

before(async () => {
  const config = testConfig({ API_CACHE_SECONDS: '120' });
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
  auth = (await createTestApiKey(db, 'read')).headers;
  ({ app, base } = await listeningApi(config));
});
after(async () => {
  await app?.close();
  await db?.destroy();
});

const CLOSED = '/v1/trends?labs=openai&interval=day&from=2026-10-01&to=2026-10-03';

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { headers: { ...auth, ...headers } });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

test('closed buckets: Cache-Control max-age, an ETag, and 304 on If-None-Match', async () => {
  const first = await get(CLOSED);
  assert.equal(first.status, 200);
  assert.equal(first.headers.get('cache-control'), 'private, max-age=120');
  const etag = first.headers.get('etag') ?? '';
  assert.match(etag, /^W\/"[A-Za-z0-9_-]{27}"$/);
  assert.equal(JSON.parse(first.text).closed, true);
  const revalidated = await get(CLOSED, { 'if-none-match': etag });
  assert.equal(revalidated.status, 304);
  assert.equal(revalidated.text, '');
  assert.equal(revalidated.headers.get('etag'), etag);
  assert.ok(revalidated.headers.get('ratelimit-remaining'), 'a 304 still counts against the limit and says so');
  assert.equal(
    (await get(CLOSED, { 'if-none-match': `"other", ${etag.slice(2)}` })).status,
    304,
    'lists and strong forms match weakly',
  );
  assert.equal((await get(CLOSED, { 'if-none-match': '"stale"' })).status, 200);
});

test('a range reaching into open buckets must be revalidated (no-cache), still with an ETag', async () => {
  const to = new Date(Date.now() + 3_600_000).toISOString();
  const res = await get(`/v1/trends?labs=openai&interval=day&from=2026-10-01&to=${to}`);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('cache-control'), 'private, no-cache');
  assert.equal(JSON.parse(res.text).closed, false);
  assert.equal(
    (
      await get(`/v1/trends?labs=openai&interval=day&from=2026-10-01&to=${to}`, {
        'if-none-match': res.headers.get('etag') ?? '',
      })
    ).status,
    304,
  );
});

test('JSON and CSV of the same query have different ETags; Vary names Accept', async () => {
  const json = await get(CLOSED);
  const csv = await get(CLOSED, { accept: 'text/csv' });
  assert.notEqual(json.headers.get('etag'), csv.headers.get('etag'));
  assert.equal(json.headers.get('vary'), 'Accept, Accept-Encoding');
  assert.equal(
    (await get(CLOSED, { accept: 'text/csv', 'if-none-match': json.headers.get('etag') ?? '' })).status,
    200,
  );
});

test('closed answers are served from the replica cache: a rollup change shows after max-age, not before', async () => {
  const before = JSON.parse((await get('/v1/compare?labs=openai&from=2026-10-01&to=2026-10-02')).text);
  // Both rollups: compare with every platform reads the all-platforms one.
  for (const table of ['trend_buckets', 'trend_buckets_all_platforms'])
    await db.query(`UPDATE ${table} SET posts = posts + 100 WHERE lab_slug = 'openai'`);
  const again = JSON.parse((await get('/v1/compare?labs=openai&from=2026-10-01&to=2026-10-02')).text);
  assert.deepEqual(again, before);
  const otherOrder = JSON.parse((await get('/v1/compare?to=2026-10-02&from=2026-10-01&labs=openai')).text);
  assert.deepEqual(otherOrder, before, 'parameter order does not matter');
  for (const table of ['trend_buckets', 'trend_buckets_all_platforms'])
    await db.query(`UPDATE ${table} SET posts = posts - 100 WHERE lab_slug = 'openai'`);
});

test('gzip when the client accepts it, same ETag', async () => {
  const path = `/v1/trends?labs=openai,anthropic,deepseek&interval=hour&from=2026-10-01&to=2026-10-03`;
  const { status, headers, body } = await new Promise<{
    status: number;
    headers: Record<string, unknown>;
    body: Buffer;
  }>((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { ...auth, 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
  assert.equal(status, 200);
  assert.equal(headers['content-encoding'], 'gzip');
  const plain = await get(path, { 'accept-encoding': 'identity' });
  assert.equal(gunzipSync(body).toString('utf8'), plain.text);
  assert.equal(headers.etag, plain.headers.get('etag'));
  assert.ok(body.length < plain.text.length / 5, `${body.length} vs ${plain.text.length}`);
});
