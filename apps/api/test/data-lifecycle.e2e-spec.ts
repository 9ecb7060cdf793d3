import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { LabRepository, RetentionRepository } from '@labpulse/persistence';
import { createTestApiKey, openTestDatabase, resetData, seedScoredPosts, testConfig } from '@labpulse/testing';
import { listeningApi } from './support/listening-api';

// Data lifecycle over HTTP (docs/data-lifecycle.md): DELETE /v1/labs/:slug, expired pushed posts,
// and trends that keep answering for a purged period.
const RETENTION_DAYS = 30;
const DAY_MS = 86_400_000;
const LAB = 'lifecycle-e2e';
let app: INestApplication;
let db: DataSource;
let base: string;
let admin: Record<string, string>;
let reader: Record<string, string>;

before(async () => {
  const config = testConfig({ POST_RETENTION_DAYS: String(RETENTION_DAYS), API_CACHE_SECONDS: '0' });
  db = await openTestDatabase(config);
  ({ app, base } = await listeningApi(config));
});
beforeEach(async () => {
  await resetData(db);
  admin = (await createTestApiKey(db, 'admin')).headers;
  reader = (await createTestApiKey(db, 'read')).headers;
});
after(async () => {
  await new LabRepository(db).delete(LAB);
  await app.close();
  await db.destroy();
});

// Response bodies are loose JSON in tests.
type Json = any;

async function call(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; type: string; body: Json }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
}

function item(id: string, at: Date): Record<string, unknown> {
  return { platform: 'x', id, author: 'someone', text: 'OpenAI shipped something', created_at: at.toISOString() };
}

describe('DELETE /v1/labs/:slug', () => {
  test('admin only; 404 for an unknown lab; 204 removes the lab and its rollups, other labs keep theirs', async () => {
    const created = await call('POST', '/v1/labs', admin, { slug: LAB, name: 'Lifecycle E2E' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    await seedScoredPosts(db, [
      {
        platform: 'x',
        id: 'd1',
        at: '2026-11-02T10:00:00Z',
        sentiment: { label: 'positive', score: 0.5 },
        mentions: [
          { lab: LAB, stance: 'favor', score: 0.5 },
          { lab: 'openai', stance: 'favor', score: 0.5 },
        ],
      },
      {
        platform: 'x',
        id: 'd2',
        at: '2026-11-02T11:00:00Z',
        sentiment: { label: 'negative', score: -0.5 },
        mentions: [{ lab: LAB, stance: 'against', score: -0.5 }],
      },
    ]);

    assert.equal((await call('DELETE', `/v1/labs/${LAB}`, reader)).status, 403);
    const unknown = await call('DELETE', '/v1/labs/no-such-lab', admin);
    assert.equal(unknown.status, 404);
    assert.match(unknown.type, /^application\/problem\+json/);

    const deleted = await call('DELETE', `/v1/labs/${LAB}`, admin);
    assert.equal(deleted.status, 204);
    assert.equal((await call('GET', `/v1/labs/${LAB}`, reader)).status, 404);
    assert.equal((await call('DELETE', `/v1/labs/${LAB}`, admin)).status, 404);
    const [{ n }] = (await db.query(
      `SELECT (SELECT count(*) FROM trend_buckets WHERE lab_slug = $1) + (SELECT count(*) FROM post_lab_mentions WHERE lab_slug = $1) AS n`,
      [LAB],
    )) as Array<{ n: string }>;
    assert.equal(Number(n), 0);
    const trends = await call('GET', '/v1/trends?labs=openai&interval=day&from=2026-11-02&to=2026-11-03', reader);
    assert.equal(trends.status, 200);
    assert.equal(trends.body.series[0].points[0].volume, 1);
    assert.equal(
      (await call('GET', `/v1/trends?labs=${LAB}&interval=day&from=2026-11-02&to=2026-11-03`, reader)).status,
      404,
    );
  });

  test('is in the OpenAPI document with its answers', async () => {
    const doc = (await call('GET', '/openapi.json', {})).body;
    const route = doc.paths['/v1/labs/{slug}'].delete;
    assert.ok(route, 'DELETE /v1/labs/{slug} documented');
    assert.ok(route.responses['204'] && route.responses['404']);
  });
});

describe('retention over HTTP', () => {
  test('a pushed post older than the horizon is counted as expired and not stored', async () => {
    const now = Date.now();
    const res = await call('POST', '/v1/ingest', admin, {
      posts: [item('old', new Date(now - (RETENTION_DAYS + 2) * DAY_MS)), item('new', new Date(now - DAY_MS))],
    });
    assert.equal(res.status, 202, JSON.stringify(res.body));
    assert.deepEqual(res.body, { received: 2, accepted: 1, duplicates: 0, expired: 1, rejected: 0, rejections: [] });
    const stored = (await db.query('SELECT external_id FROM posts ORDER BY external_id')) as Array<{
      external_id: string;
    }>;
    assert.deepEqual(
      stored.map((r) => r.external_id),
      ['new'],
    );
  });

  test('trends still answer for a purged period; the posts endpoint lists what is left', async () => {
    await seedScoredPosts(db, [
      {
        platform: 'x',
        id: 'o1',
        at: '2026-10-01T10:00:00Z',
        sentiment: { label: 'positive', score: 0.5 },
        mentions: [{ lab: 'openai', stance: 'favor', score: 0.5 }],
      },
      {
        platform: 'x',
        id: 'o2',
        at: '2026-10-01T10:03:00Z',
        sentiment: { label: 'negative', score: -0.5 },
        mentions: [{ lab: 'openai', stance: 'against', score: -0.5 }],
      },
      {
        platform: 'x',
        id: 'n1',
        at: '2026-10-05T10:00:00Z',
        sentiment: { label: 'neutral', score: 0 },
        mentions: [{ lab: 'openai', stance: 'neutral', score: 0 }],
      },
    ]);
    const query = '/v1/trends?labs=openai&interval=hour&from=2026-10-01T09:00:00Z&to=2026-10-01T12:00:00Z';
    const before = await call('GET', query, reader);
    assert.equal(before.status, 200);
    const pass = await new RetentionRepository(db).runPass(new Date('2026-10-03T00:00:00Z'), 1);
    assert.equal(pass.posts, 2);
    const afterPurge = await call('GET', query, reader);
    assert.equal(afterPurge.status, 200);
    assert.deepEqual(afterPurge.body.series, before.body.series);
    assert.equal(afterPurge.body.series[0].points[1].volume, 2);
    const posts = await call('GET', '/v1/labs/openai/posts?from=2026-09-01&to=2026-11-01', reader);
    assert.equal(posts.status, 200, JSON.stringify(posts.body));
    assert.equal(posts.body.data.length, 1);
  });
});
