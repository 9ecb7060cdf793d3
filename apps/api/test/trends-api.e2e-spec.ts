import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { SourceRepository } from '@labpulse/persistence';
import {
  createTestApiKey,
  openTestDatabase,
  resetData,
  type ScoredPostSpec,
  seedScoredPosts,
  testConfig,
} from '@labpulse/testing';
import { listeningApi } from './support/listening-api';

/**
 * The numbers of /v1/trends, /v1/compare and /v1/labs/:slug/posts on six posts around the end of
 * summer time in Paris (2026-10-25: 03:00 CEST -> 02:00 CET, a 25-hour local day), worked out by
 * hand below. Posts go through the real ingest, scoring and rollup repositories.
 */
let app: INestApplication;
let db: DataSource;
let base: string;
let auth: { authorization: string };

const POSTS: ScoredPostSpec[] = [
  // p1: Paris Oct 24 23:30; UTC Oct 24; Kolkata Oct 25 03:00
  {
    platform: 'x',
    id: '1001',
    at: '2026-10-24T21:30:00Z',
    likes: 10,
    comments: 1,
    shares: 2,
    authorName: 'ana',
    url: 'https://x.com/ana/status/1001',
    text: '=HYPERLINK("x") says "OpenAI", rocks\nsecond line',
    sentiment: { label: 'positive', score: 0.8 },
    mentions: [{ lab: 'openai', stance: 'favor', score: 0.5 }],
  },
  // p2: Paris Oct 25 00:30 (CEST); UTC Oct 24
  {
    platform: 'x',
    id: '1002',
    at: '2026-10-24T22:30:00Z',
    likes: 5,
    sentiment: { label: 'negative', score: -0.6 },
    mentions: [
      { lab: 'openai', stance: 'against', score: -0.5 },
      { lab: 'anthropic', stance: 'favor', score: 0.5 },
    ],
  },
  // p3: Paris Oct 25 23:30 (CET, still Oct 25 thanks to the 25-hour day); UTC Oct 25; Kolkata Oct 26
  {
    platform: 'linkedin',
    id: 'urn:li:share:1003',
    at: '2026-10-25T22:30:00Z',
    likes: 1,
    sentiment: { label: 'neutral', score: 0 },
    mentions: [{ lab: 'openai', stance: 'neutral', score: 0 }],
  },
  // p4: Paris Oct 26 00:30 = Monday of the next ISO week in Paris, still Sunday in UTC
  {
    platform: 'x',
    id: '1004',
    at: '2026-10-25T23:30:00Z',
    likes: 2,
    sentiment: { label: 'positive', score: 0.8 },
    mentions: [{ lab: 'anthropic', stance: 'favor', score: 0.5 }],
  },
  // p5: unscored (French); Paris/UTC Oct 25
  {
    platform: 'facebook',
    id: '123_1005',
    at: '2026-10-25T12:00:00Z',
    sentiment: null,
    mentions: [{ lab: 'openai', stance: null, score: null }],
  },
  // Comments, stored without a link (the Graph and LinkedIn comment endpoints may give none)
  {
    platform: 'facebook',
    id: '122187000000000036_1001',
    parentId: '104958162837_122187000000000036',
    at: '2026-10-25T13:00:00Z',
    sentiment: { label: 'neutral', score: 0 },
    mentions: [{ lab: 'mistral-ai', stance: 'neutral', score: 0 }],
  },
  {
    platform: 'linkedin',
    id: 'urn:li:comment:(urn:li:activity:7496132671920234496,7496144749854720007)',
    parentId: 'urn:li:share:7496132670259201234',
    at: '2026-10-25T14:00:00Z',
    sentiment: { label: 'neutral', score: 0 },
    mentions: [{ lab: 'mistral-ai', stance: 'neutral', score: 0 }],
  },
  // p6: Oct 26 everywhere
  {
    platform: 'x',
    id: '1006',
    at: '2026-10-26T10:00:00Z',
    likes: 3,
    sentiment: { label: 'negative', score: -0.6 },
    mentions: [{ lab: 'openai', stance: 'against', score: -0.5 }],
  },
];

before(async () => {
  // No response cache: each test reads what it just wrote.
  const config = testConfig({ API_CACHE_SECONDS: '0' });
  db = await openTestDatabase(config);
  await resetData(db);
  await seedScoredPosts(db, POSTS);
  auth = (await createTestApiKey(db, 'read')).headers;
  ({ app, base } = await listeningApi(config));
});
after(async () => {
  await app?.close();
  await db?.destroy();
});

type Json = Record<string, any>;

async function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Json; text: string }> {
  const res = await fetch(`${base}${path}`, { headers: { ...auth, ...headers } });
  const text = await res.text();
  const json = /json/.test(res.headers.get('content-type') ?? '') ? (JSON.parse(text) as Json) : {};
  return { status: res.status, headers: res.headers, body: json, text };
}

function pick(points: Json[], ...fields: string[]): unknown[][] {
  return points.map((p) => fields.map((f) => p[f]));
}

describe('GET /v1/trends', () => {
  test('local days in Europe/Paris follow the DST change (a 25-hour Oct 25) and share of voice is among the requested labs', async () => {
    const { status, body } = await get(
      '/v1/trends?labs=openai,anthropic&interval=day&tz=Europe/Paris&from=2026-10-24T00:00:00%2B02:00&to=2026-10-27T00:00:00%2B01:00',
    );
    assert.equal(status, 200);
    assert.equal(body.from, '2026-10-23T22:00:00.000Z');
    const [openai, anthropic] = body.series;
    assert.deepEqual(
      pick(
        openai.points,
        'start',
        'volume',
        'positive',
        'neutral',
        'negative',
        'unscored',
        'netSentiment',
        'meanSentiment',
      ),
      [
        ['2026-10-23T22:00:00.000Z', 1, 1, 0, 0, 0, 1, 0.8],
        ['2026-10-24T22:00:00.000Z', 3, 0, 1, 1, 1, -0.5, -0.3],
        ['2026-10-25T23:00:00.000Z', 1, 0, 0, 1, 0, -1, -0.6],
      ],
    );
    assert.deepEqual(
      pick(
        openai.points,
        'favor',
        'against',
        'stanceNeutral',
        'meanStance',
        'shareOfVoice',
        'likes',
        'comments',
        'shares',
      ),
      [
        [1, 0, 0, 0.5, 1, 10, 1, 2],
        [0, 1, 1, -0.25, 0.75, 6, 0, 0],
        [0, 1, 0, -0.5, 0.5, 3, 0, 0],
      ],
    );
    assert.deepEqual(pick(anthropic.points, 'volume', 'negative', 'favor', 'meanStance', 'shareOfVoice'), [
      [0, 0, 0, null, 0],
      [1, 1, 1, 0.5, 0.25],
      [1, 0, 1, 0.5, 0.5],
    ]);
  });

  test('UTC days read the day rollups directly', async () => {
    const { body } = await get('/v1/trends?labs=openai&interval=day&from=2026-10-24&to=2026-10-27');
    assert.deepEqual(pick(body.series[0].points, 'start', 'volume', 'netSentiment', 'meanSentiment'), [
      ['2026-10-24T00:00:00.000Z', 2, 0, 0.1],
      ['2026-10-25T00:00:00.000Z', 2, 0, 0],
      ['2026-10-26T00:00:00.000Z', 1, -1, -0.6],
    ]);
  });

  test('weeks are ISO weeks starting Monday, in UTC or in the requested zone', async () => {
    const utc = await get('/v1/trends?labs=openai,anthropic&interval=week&from=2026-10-19&to=2026-11-02');
    assert.deepEqual(pick(utc.body.series[0].points, 'start', 'volume'), [
      ['2026-10-19T00:00:00.000Z', 4],
      ['2026-10-26T00:00:00.000Z', 1],
    ]);
    assert.deepEqual(pick(utc.body.series[1].points, 'volume'), [[2], [0]], 'p4 is Sunday in UTC');
    const paris = await get(
      '/v1/trends?labs=openai,anthropic&interval=week&tz=Europe/Paris&from=2026-10-19T00:00:00%2B02:00&to=2026-11-02T00:00:00%2B01:00',
    );
    assert.deepEqual(pick(paris.body.series[0].points, 'start', 'volume'), [
      ['2026-10-18T22:00:00.000Z', 4],
      ['2026-10-25T23:00:00.000Z', 1],
    ]);
    assert.deepEqual(pick(paris.body.series[1].points, 'volume'), [[1], [1]], 'p4 is Monday in Paris');
  });

  test('a zone with a half-hour offset (Asia/Kolkata) is regrouped exactly from 5-minute rollups', async () => {
    const { status, body } = await get(
      '/v1/trends?labs=openai&interval=day&tz=Asia/Kolkata&from=2026-10-25T00:00:00%2B05:30&to=2026-10-27T00:00:00%2B05:30',
    );
    assert.equal(status, 200);
    assert.deepEqual(pick(body.series[0].points, 'start', 'volume'), [
      ['2026-10-24T18:30:00.000Z', 3],
      ['2026-10-25T18:30:00.000Z', 2],
    ]);
  });

  test('groupBy=platform gives one series per lab and platform, share of voice within each platform', async () => {
    const { body } = await get(
      '/v1/trends?labs=openai,anthropic&interval=day&from=2026-10-25&to=2026-10-26&groupBy=platform',
    );
    const view = body.series.map((s: Json) => [s.lab, s.platform, s.points[0].volume, s.points[0].shareOfVoice]);
    assert.deepEqual(view, [
      ['openai', 'x', 0, 0],
      ['openai', 'facebook', 1, 1],
      ['openai', 'linkedin', 1, 1],
      ['anthropic', 'x', 1, 1],
      ['anthropic', 'facebook', 0, 0],
      ['anthropic', 'linkedin', 0, 0],
    ]);
    assert.deepEqual(
      body.coverage.map((c: Json) => c.platform),
      ['x', 'facebook', 'linkedin'],
    );
    const linkedinOnly = await get(
      '/v1/trends?labs=openai&interval=day&from=2026-10-25&to=2026-10-26&groupBy=platform&platforms=linkedin',
    );
    assert.deepEqual(
      linkedinOnly.body.series.map((s: Json) => [s.platform, s.points[0].volume]),
      [['linkedin', 1]],
    );
  });

  test('coverage counts the sources that were polled in each bucket and how many of them were healthy', async () => {
    const sources = new SourceRepository(db);
    const [ok, broken, other] = await Promise.all([
      sources.create({ kind: 'x_search', name: 'ok', target: 'openai' }),
      sources.create({ kind: 'x_search', name: 'broken', target: 'anthropic' }),
      sources.create({ kind: 'linkedin_org', name: 'li', target: 'urn:li:organization:1' }),
    ]);
    const now = new Date();
    const soon = new Date(now.getTime() + 60_000);
    await sources.recordOutcome(ok.id, {
      status: 'ok',
      error: null,
      nextPollAt: soon,
      pausedUntil: null,
      success: true,
    });
    await sources.recordOutcome(broken.id, {
      status: 'failing',
      error: 'HTTP 503',
      nextPollAt: soon,
      pausedUntil: null,
      success: false,
    });
    await sources.recordOutcome(other.id, {
      status: 'ok',
      error: null,
      nextPollAt: soon,
      pausedUntil: null,
      success: true,
    });
    const day = now.toISOString().slice(0, 10);
    const all = await get(`/v1/trends?labs=openai&interval=day&from=${day}&to=${day}T23:59:59Z`);
    assert.deepEqual(all.body.coverage, [
      { platform: 'all', points: [{ start: `${day}T00:00:00.000Z`, sources: 3, healthy: 2 }] },
    ]);
    const split = await get(
      `/v1/trends?labs=openai&interval=day&from=${day}&to=${day}T23:59:59Z&groupBy=platform&platforms=x,linkedin`,
    );
    assert.deepEqual(
      split.body.coverage.map((c: Json) => [c.platform, c.points[0].sources, c.points[0].healthy]),
      [
        ['x', 2, 1],
        ['linkedin', 1, 1],
      ],
    );
    const csv = await get(`/v1/trends?labs=openai&interval=day&from=${day}&to=${day}T23:59:59Z&format=csv`);
    assert.match(csv.text.split('\r\n')[1], /,3,2$/);
  });

  test('CSV: one row per lab, platform and bucket, nulls as empty cells', async () => {
    const { status, headers, text } = await get(
      '/v1/trends?labs=openai,anthropic&interval=day&from=2026-10-24&to=2026-10-26',
      { accept: 'text/csv' },
    );
    assert.equal(status, 200);
    assert.match(headers.get('content-type') ?? '', /^text\/csv; charset=utf-8/);
    const lines = text.split('\r\n');
    assert.equal(
      lines[0],
      'lab,platform,start,volume,positive,neutral,negative,unscored,net_sentiment,mean_sentiment,favor,against,stance_neutral,mean_stance,share_of_voice,likes,comments,shares,sources,healthy_sources',
    );
    assert.equal(lines[1], 'openai,all,2026-10-24T00:00:00.000Z,2,1,0,1,0,0,0.1,1,1,0,0,0.6667,15,1,2,0,0');
    assert.equal(lines[4], 'anthropic,all,2026-10-25T00:00:00.000Z,1,1,0,0,0,1,0.8,1,0,0,0.5,0.3333,2,0,0,0,0');
    assert.equal(lines.length, 6, 'header, 4 rows, final CRLF');
    const byParam = await get(
      '/v1/trends?labs=openai,anthropic&interval=day&from=2026-10-24&to=2026-10-26&format=csv',
      { accept: 'application/json' },
    );
    assert.equal(byParam.text, text, 'format=csv wins over Accept');
  });

  test('fields= keeps only the named measures (and coverage only when named), in JSON and CSV', async () => {
    const lean = await get(
      '/v1/trends?labs=openai,anthropic&interval=day&from=2026-10-24&to=2026-10-26&fields=volume,shareOfVoice',
    );
    assert.deepEqual(lean.body.series[0].points[0], {
      start: '2026-10-24T00:00:00.000Z',
      volume: 2,
      shareOfVoice: 0.6667,
    });
    assert.deepEqual(lean.body.fields, ['volume', 'shareOfVoice']);
    assert.equal(lean.body.coverage, undefined);
    const withCoverage = await get(
      '/v1/trends?labs=openai&interval=day&from=2026-10-24&to=2026-10-26&fields=netSentiment,coverage',
    );
    assert.deepEqual(Object.keys(withCoverage.body.series[0].points[0]), ['start', 'netSentiment']);
    assert.equal(withCoverage.body.coverage[0].points.length, 2);
    const csv = await get(
      '/v1/trends?labs=openai&interval=day&from=2026-10-24&to=2026-10-26&fields=volume,netSentiment,coverage&format=csv',
    );
    assert.deepEqual(csv.text.split('\r\n').slice(0, 2), [
      'lab,platform,start,volume,net_sentiment,sources,healthy_sources',
      'openai,all,2026-10-24T00:00:00.000Z,2,0,0,0',
    ]);
  });

  const invalid: Array<[string, string, string]> = [
    ['unknown field', 'interval=day&from=2026-10-24&to=2026-10-25&fields=volume,vibes', 'fields'],
    ['unknown interval', 'interval=fortnight&from=2026-10-24&to=2026-10-25', 'interval'],
    ['from after to', 'interval=day&from=2026-10-26&to=2026-10-25', 'from'],
    ['a timestamp without a zone', 'interval=day&from=2026-10-24T00:00:00&to=2026-10-25', 'from'],
    ['an impossible date', 'interval=day&from=2026-02-30&to=2026-03-02', 'from'],
    ['a year out of range', 'interval=day&from=2026-10-24&to=2300-01-01', 'to'],
    ['too many points per series', 'interval=hour&from=2026-01-01&to=2026-10-25', 'interval'],
    [
      'too many points per response',
      'interval=day&from=2022-01-01&to=2026-10-25&groupBy=platform&labs=openai,deepseek,anthropic,google-deepmind,meta-ai,mistral-ai,xai',
      'interval',
    ],
    ['an unknown zone', 'interval=day&from=2026-10-24&to=2026-10-25&tz=Mars/Olympus', 'tz'],
    ['a malformed zone', 'interval=day&from=2026-10-24&to=2026-10-25&tz=..%2Fetc', 'tz'],
    ['a POSIX zone string', 'interval=day&from=2026-10-24&to=2026-10-25&tz=UTC%2B3', 'tz'],
    ['a half-hour zone over too long a range', 'interval=day&from=2026-01-01&to=2026-10-25&tz=Asia/Kolkata', 'tz'],
    ['unknown groupBy', 'interval=day&from=2026-10-24&to=2026-10-25&groupBy=author', 'groupBy'],
    ['unknown format', 'interval=day&from=2026-10-24&to=2026-10-25&format=xml', 'format'],
  ];
  for (const [name, query, parameter] of invalid) {
    test(`400 naming ${parameter}: ${name}`, async () => {
      const labs = query.includes('labs=') ? '' : 'labs=openai&';
      const res = await get(`/v1/trends?${labs}${query}`);
      assert.equal(res.status, 400, res.text);
      assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json/);
      assert.deepEqual(
        res.body.errors.map((e: Json) => e.parameter),
        [parameter],
      );
      assert.ok(res.body.errors[0].message.length > 10);
    });
  }

  test('an Accept header that allows neither JSON nor CSV is a 406 problem', async () => {
    const res = await get('/v1/trends?labs=openai&interval=day&from=2026-10-24&to=2026-10-25', {
      accept: 'application/xml',
    });
    assert.equal(res.status, 406);
    assert.equal(res.body.status, 406);
  });
});

describe('GET /v1/compare', () => {
  test('labs side by side with the change against the previous period of the same length', async () => {
    const { status, body } = await get('/v1/compare?labs=openai,anthropic&from=2026-10-25&to=2026-10-27');
    assert.equal(status, 200);
    assert.deepEqual(body.previous, { from: '2026-10-23T00:00:00.000Z', to: '2026-10-25T00:00:00.000Z' });
    const [openai, anthropic] = body.labs;
    assert.deepEqual(
      [
        openai.current.volume,
        openai.current.netSentiment,
        openai.current.meanSentiment,
        openai.current.shareOfVoice,
        openai.current.likes,
      ],
      [3, -0.5, -0.3, 0.75, 4],
    );
    assert.deepEqual(
      [openai.previous.volume, openai.previous.netSentiment, openai.previous.shareOfVoice, openai.previous.meanStance],
      [2, 0, 0.6667, 0],
    );
    assert.deepEqual(openai.change, {
      volume: 1,
      volumePercent: 50,
      netSentiment: -0.5,
      meanSentiment: -0.4,
      meanStance: -0.25,
      shareOfVoice: 0.0833,
    });
    assert.deepEqual([anthropic.current.volume, anthropic.previous.volume, anthropic.change.volumePercent], [1, 1, 0]);
  });

  test('a ragged period is summed from day, hour and 5-minute rollups', async () => {
    const { body } = await get('/v1/compare?labs=openai&from=2026-10-24T21:03:00Z&to=2026-10-25T23:47:00Z');
    assert.deepEqual(body.current, { from: '2026-10-24T21:00:00.000Z', to: '2026-10-25T23:45:00.000Z' });
    assert.equal(body.labs[0].current.volume, 4, 'p1, p2, p5, p3');
    assert.equal(body.labs[0].previous.volume, 0);
    assert.equal(body.labs[0].change.volumePercent, null);
  });

  test('validation and unknown labs', async () => {
    assert.equal(
      (await get('/v1/compare?labs=openai&from=2026-10-25T00:01:00Z&to=2026-10-25T00:04:00Z')).body.errors[0].parameter,
      'from',
    );
    assert.equal((await get('/v1/compare?labs=openai&from=2026-10-25')).body.errors[0].parameter, 'to');
    const missing = await get('/v1/compare?labs=openai,skynet&from=2026-10-25&to=2026-10-26');
    assert.equal(missing.status, 404);
    assert.match(missing.body.detail, /unknown lab: skynet/);
  });
});

describe('GET /v1/labs/:slug/posts', () => {
  async function ids(query: string): Promise<string[]> {
    const res = await get(`/v1/labs/openai/posts?${query}`);
    assert.equal(res.status, 200, res.text);
    return res.body.data.map((p: Json) => p.externalId);
  }

  test('keyset pages in the requested order, with a Link header and an opaque cursor', async () => {
    const first = await get('/v1/labs/openai/posts?limit=2');
    assert.deepEqual(
      first.body.data.map((p: Json) => p.externalId),
      ['1006', 'urn:li:share:1003'],
    );
    assert.equal(first.body.modelVersion, 'test-model-v1');
    const link = first.headers.get('link') ?? '';
    assert.match(link, /^<\/v1\/labs\/openai\/posts\?limit=2&cursor=[A-Za-z0-9_-]+>; rel="next"$/);
    const second = await get(link.slice(1, link.indexOf('>')));
    assert.deepEqual(
      second.body.data.map((p: Json) => p.externalId),
      ['123_1005', '1002'],
    );
    const third = await get(`/v1/labs/openai/posts?limit=2&cursor=${second.body.next}`);
    assert.deepEqual(
      third.body.data.map((p: Json) => p.externalId),
      ['1001'],
    );
    assert.equal(third.body.next, null);
    assert.equal(third.headers.get('link'), null);
  });

  test('sorts and filters', async () => {
    assert.deepEqual(await ids('sort=engagement'), ['1001', '1002', '1006', 'urn:li:share:1003', '123_1005']);
    assert.deepEqual(
      await ids('sort=most_negative'),
      ['1002', '1006', 'urn:li:share:1003', '1001'],
      'unscored posts are left out; ties by id',
    );
    assert.deepEqual(
      await ids(
        'sort=most_negative&limit=1&cursor=' +
          (await get('/v1/labs/openai/posts?sort=most_negative&limit=1')).body.next,
      ),
      ['1006'],
    );
    assert.deepEqual(await ids('stance=against'), ['1006', '1002']);
    assert.deepEqual(await ids('sentiment=negative&platform=x'), ['1006', '1002']);
    assert.deepEqual(await ids('platform=x&from=2026-10-24T22:00:00Z&to=2026-10-26T00:00:00Z'), ['1002']);
    assert.deepEqual(
      (await get('/v1/labs/anthropic/posts')).body.data.map((p: Json) => p.externalId),
      ['1004', '1002'],
    );
  });

  test('each post links to its original: the stored URL, else one derived from the platform id', async () => {
    const { body } = await get('/v1/labs/openai/posts');
    const links = Object.fromEntries(body.data.map((p: Json) => [p.externalId, [p.url, p.urlDerived]]));
    assert.deepEqual(links, {
      '1001': ['https://x.com/ana/status/1001', false],
      '1002': ['https://x.com/i/web/status/1002', true],
      'urn:li:share:1003': ['https://www.linkedin.com/feed/update/urn:li:share:1003/', true],
      '123_1005': ['https://www.facebook.com/123/posts/1005', true],
      '1006': ['https://x.com/i/web/status/1006', true],
    });
    const p2 = body.data.find((p: Json) => p.externalId === '1002');
    assert.deepEqual(p2.sentiment, { label: 'negative', score: -0.6, confidence: 0.9 });
    assert.deepEqual(p2.stance, { label: 'against', score: -0.5, confidence: 0.8 });
    assert.equal(body.data.find((p: Json) => p.externalId === '123_1005').sentiment, null);
  });

  test('comments link through their post: Facebook with comment_id, LinkedIn with commentUrn', async () => {
    const { body } = await get('/v1/labs/mistral-ai/posts');
    const links = Object.fromEntries(body.data.map((p: Json) => [p.externalId, [p.url, p.urlDerived]]));
    assert.deepEqual(links, {
      '122187000000000036_1001': [
        'https://www.facebook.com/104958162837/posts/122187000000000036?comment_id=1001',
        true,
      ],
      'urn:li:comment:(urn:li:activity:7496132671920234496,7496144749854720007)': [
        'https://www.linkedin.com/feed/update/urn:li:activity:7496132671920234496?commentUrn=urn%3Ali%3Acomment%3A%28activity%3A7496132671920234496%2C7496144749854720007%29',
        true,
      ],
    });
  });

  test('CSV escapes quotes, commas and line breaks, and defuses spreadsheet formulas', async () => {
    const { status, text, headers } = await get('/v1/labs/openai/posts?format=csv&platform=x&sort=engagement&limit=1');
    assert.equal(status, 200);
    assert.match(headers.get('link') ?? '', /rel="next"/);
    const [header, row] = text.split('\r\n');
    assert.equal(header.split(',')[7], 'text');
    assert.equal(
      row,
      'x,1001,https://x.com/ana/status/1001,2026-10-24T21:30:00.000Z,id-ana,ana,en,' +
        `"'=HYPERLINK(""x"") says ""OpenAI"", rocks\nsecond line",10,1,2,,,positive,0.8,0.9,favor,0.5,0.8,openai`,
    );
  });

  const invalid: Array<[string, string, string]> = [
    ['bad sort', 'sort=loudest', 'sort'],
    ['limit too large', 'limit=201', 'limit'],
    ['limit not a number', 'limit=ten', 'limit'],
    ['bad stance', 'stance=love', 'stance'],
    ['bad sentiment', 'sentiment=meh', 'sentiment'],
    ['garbage cursor', 'cursor=not-a-cursor', 'cursor'],
    [
      'forged cursor',
      `cursor=${Buffer.from(JSON.stringify({ q: 'x', k: "'; DROP TABLE posts; --", i: '1' })).toString('base64url')}`,
      'cursor',
    ],
    ['from after to', 'from=2026-10-26&to=2026-10-25', 'from'],
  ];
  for (const [name, query, parameter] of invalid) {
    test(`400 naming ${parameter}: ${name}`, async () => {
      const res = await get(`/v1/labs/openai/posts?${query}`);
      assert.equal(res.status, 400, res.text);
      assert.deepEqual(
        res.body.errors.map((e: Json) => e.parameter),
        [parameter],
      );
    });
  }

  test('a cursor from another query is refused, naming cursor', async () => {
    const next = (await get('/v1/labs/openai/posts?limit=1')).body.next;
    const res = await get(`/v1/labs/openai/posts?limit=1&sort=engagement&cursor=${next}`);
    assert.equal(res.status, 400);
    assert.match(res.body.errors[0].message, /different query/);
  });

  test('an unknown lab is a 404, a malformed slug a 400 naming slug', async () => {
    assert.equal((await get('/v1/labs/skynet/posts')).status, 404);
    const bad = await get('/v1/labs/Sky%20Net/posts');
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors[0].parameter, 'slug');
  });
});
