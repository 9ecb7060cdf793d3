import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createTestApiKey, openTestDatabase, resetData, testConfig } from '@labpulse/testing';
import { listeningApi } from './support/listening-api';

let app: INestApplication;
let db: DataSource;
let base: string;
let auth: { authorization: string };

before(async () => {
  // No response cache: tests change rollups between identical requests.
  const config = testConfig({ API_CACHE_SECONDS: '0' });
  db = await openTestDatabase(config);
  await resetData(db);
  auth = (await createTestApiKey(db, 'read')).headers;
  ({ app, base } = await listeningApi(config));
});
after(async () => {
  await app.close();
  await db.destroy();
});

async function get(path: string): Promise<{ status: number; type: string; body: any }> {
  const res = await fetch(`${base}${path}`, { headers: auth });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.json() };
}

test('health and readiness answer', async () => {
  assert.deepEqual((await get('/health')).body, { status: 'ok' });
  const ready = await get('/ready');
  assert.equal(ready.status, 200);
  assert.deepEqual(ready.body.checks, { postgres: true, redis: true });
});

test('the seeded labs are listed', async () => {
  const { body } = await get('/v1/labs');
  const slugs = body.data.map((lab: { slug: string }) => lab.slug);
  for (const slug of ['openai', 'deepseek', 'anthropic', 'google-deepmind', 'meta-ai', 'mistral-ai', 'xai']) {
    assert.ok(slugs.includes(slug), `${slug} is seeded`);
  }
});

const RANGE = 'from=2026-11-01T00:00:00Z&to=2026-11-01T03:00:00Z';

const invalid: Array<[string, string, RegExp]> = [
  ['missing labs', `/v1/trends?interval=hour&${RANGE}`, /^labs$/],
  ['labs given twice', `/v1/trends?labs=openai&labs=xai&interval=hour&${RANGE}`, /^labs$/],
  ['bad slug', `/v1/trends?labs=Open%20AI&interval=hour&${RANGE}`, /^labs$/],
  ['unknown interval', `/v1/trends?labs=openai&interval=fortnight&${RANGE}`, /^interval$/],
  ['bad from', `/v1/trends?labs=openai&interval=hour&from=yesterday&to=2026-11-01T03:00:00Z`, /^from$/],
  ['from after to', `/v1/trends?labs=openai&interval=hour&from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z`, /^from$/],
  [
    'too many points',
    `/v1/trends?labs=openai&interval=5m&from=2026-01-01T00:00:00Z&to=2026-11-01T00:00:00Z`,
    /^interval$/,
  ],
  ['unknown platform', `/v1/trends?labs=openai&interval=hour&${RANGE}&platforms=myspace`, /^platforms$/],
  ['unknown parameter', `/v1/trends?labs=openai&interval=hour&${RANGE}&colour=red`, /^colour$/],
];
for (const [name, path, parameter] of invalid) {
  test(`400 problem+json naming the parameter: ${name}`, async () => {
    const res = await get(path);
    assert.equal(res.status, 400);
    assert.match(res.type, /^application\/problem\+json/);
    assert.equal(res.body.status, 400);
    assert.ok(
      res.body.errors.some((e: { parameter: string }) => parameter.test(e.parameter)),
      JSON.stringify(res.body.errors),
    );
  });
}

test('an unknown lab is a 404 naming it', async () => {
  const res = await get(`/v1/trends?labs=openai,skynet&interval=hour&${RANGE}`);
  assert.equal(res.status, 404);
  assert.match(res.body.detail, /unknown lab: skynet/);
});

test('trends read the rollups: platforms summed, buckets zero-filled, net sentiment from scored posts', async () => {
  await db.query(`
    INSERT INTO trend_buckets (lab_slug, platform, bucket_width, bucket_start, model_version, posts, positive, neutral,
      negative, unscored, favor, against, stance_neutral, sentiment_sum, stance_sum, likes, comments, shares)
    VALUES ('openai', 'x', 'hour', '2026-11-01T00:00:00Z', 'v', 5, 2, 1, 1, 1, 2, 1, 1, 0.8, 0.1, 0, 0, 0),
           ('openai', 'linkedin', 'hour', '2026-11-01T00:00:00Z', 'v', 3, 0, 1, 2, 0, 0, 2, 1, -1.2, -0.4, 0, 0, 0),
           ('openai', 'x', 'hour', '2026-11-01T02:00:00Z', 'v', 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0)`);
  // RollupRepository keeps the all-platforms rows as these sums (persistence's trend-rollups tests).
  await db.query(`
    INSERT INTO trend_buckets_all_platforms (lab_slug, bucket_width, bucket_start, model_version, posts, positive, neutral, negative,
      unscored, favor, against, stance_neutral, sentiment_sum, stance_sum, likes, comments, shares)
    SELECT lab_slug, bucket_width, bucket_start, max(model_version), sum(posts), sum(positive), sum(neutral), sum(negative),
      sum(unscored), sum(favor), sum(against), sum(stance_neutral), sum(sentiment_sum), sum(stance_sum), sum(likes), sum(comments), sum(shares)
    FROM trend_buckets WHERE lab_slug = 'openai' GROUP BY 1, 2, 3`);
  const { status, body } = await get(`/v1/trends?labs=openai&interval=hour&${RANGE}`);
  assert.equal(status, 200);
  assert.deepEqual(
    body.series[0].points.map((p: Record<string, unknown>) => [
      p.start,
      p.volume,
      p.positive,
      p.negative,
      p.unscored,
      p.netSentiment,
      p.meanSentiment,
      p.against,
    ]),
    [
      ['2026-11-01T00:00:00.000Z', 8, 2, 3, 1, -0.1429, -0.0571, 3],
      ['2026-11-01T01:00:00.000Z', 0, 0, 0, 0, null, null, 0],
      ['2026-11-01T02:00:00.000Z', 1, 0, 0, 1, null, null, 0],
    ],
  );
  const linkedin = await get(`/v1/trends?labs=openai&interval=hour&${RANGE}&platforms=linkedin`);
  assert.equal(linkedin.body.series[0].points[0].volume, 3);
});
