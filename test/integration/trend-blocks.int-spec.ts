import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@labpulse/config';
import { LabRepository, TrendCoverageRepository, TrendRepository, type TrendQuery } from '@labpulse/persistence';
import { openTestDatabase, resetData, type ScoredPostSpec, seedScoredPosts, testConfig } from '@labpulse/testing';
import { TimeZones } from '../../apps/api/src/trends/time-zones.service';
import { TrendBlocks } from '../../apps/api/src/trends/trend-blocks.service';
import { TrendsService } from '../../apps/api/src/trends/trends.service';
import type { TrendsQueryDto } from '../../apps/api/src/trends/trends-query.dto';

/**
 * Trend answers filled from rollup blocks (TrendBlocks) against real Postgres: the same bytes as
 * reading every block afresh, closed blocks read once and reused, open blocks read every time.
 */
class CountingTrendRepository extends TrendRepository {
  reads = 0;
  override query(q: TrendQuery) {
    this.reads += 1;
    return super.query(q);
  }
}

let db: DataSource;
let config: AppConfig;
const services: Array<{ blocks: TrendBlocks }> = [];

function service(blockCacheMaxBytes: number) {
  const rollups = new CountingTrendRepository(db);
  const coverage = new TrendCoverageRepository(db);
  const blocks = new TrendBlocks({ ...config, api: { ...config.api, blockCacheMaxBytes } }, rollups, coverage);
  services.push({ blocks });
  const trends = new TrendsService(config, rollups, coverage, new LabRepository(db), new TimeZones(rollups), blocks);
  const render = async (path: string) => {
    const q = Object.fromEntries(new URL(path, 'http://x').searchParams) as unknown as TrendsQueryDto;
    return (await trends.render(q, q.format === 'csv' ? 'csv' : 'json')).representation.body.toString();
  };
  return { rollups, blocks, render };
}

const post = (id: string, at: string, lab: string, platform: ScoredPostSpec['platform'] = 'x'): ScoredPostSpec => ({
  platform,
  id,
  at,
  likes: 2,
  sentiment: { label: Number(id) % 3 === 0 ? 'negative' : 'positive', score: Number(id) % 3 === 0 ? -0.5 : 0.7 },
  mentions: [{ lab, stance: Number(id) % 2 === 0 ? 'favor' : 'against', score: Number(id) % 2 === 0 ? 0.4 : -0.4 }],
});

before(async () => {
  config = testConfig({ API_CACHE_SECONDS: '60' });
  db = await openTestDatabase(config);
  await resetData(db);
  const specs: ScoredPostSpec[] = [];
  const platforms = ['x', 'facebook', 'linkedin'] as const;
  const labs = ['openai', 'anthropic', 'deepseek'];
  for (let i = 0; i < 90; i += 1) {
    const at = new Date(Date.UTC(2026, 8, 1) + i * 37 * 60_000 * 7).toISOString(); // spread over ~16 days
    specs.push(post(String(1000 + i), at, labs[i % 3], platforms[i % 3]));
  }
  await seedScoredPosts(db, specs);
});

after(async () => {
  for (const s of services) s.blocks.onModuleDestroy();
  await db?.destroy();
});

const CLOSED_QUERIES = [
  '/v1/trends?labs=openai,anthropic,deepseek&interval=hour&from=2026-09-01T00:00:00Z&to=2026-09-17T00:00:00Z',
  '/v1/trends?labs=anthropic&interval=hour&from=2026-09-03T05:00:00Z&to=2026-09-09T00:00:00Z&fields=volume,shareOfVoice',
  '/v1/trends?labs=openai,deepseek&interval=day&from=2026-08-20T00:00:00Z&to=2026-09-30T00:00:00Z&platforms=x,linkedin',
  '/v1/trends?labs=openai,anthropic&interval=hour&from=2026-09-02T00:00:00Z&to=2026-09-06T00:00:00Z&groupBy=platform&platforms=facebook,x',
  '/v1/trends?labs=deepseek,openai&interval=5m&from=2026-09-02T00:00:00Z&to=2026-09-02T20:00:00Z&fields=coverage,volume',
  '/v1/trends?labs=openai,anthropic&interval=hour&from=2026-09-02T00:00:00Z&to=2026-09-05T00:00:00Z&format=csv',
];

test('answers from blocks are byte for byte those read afresh, and closed blocks are read once', async () => {
  const fresh = service(0);
  const blocks = service(32 * 1024 ** 2);
  const expected = await Promise.all(CLOSED_QUERIES.map((path) => fresh.render(path)));
  for (const [i, path] of CLOSED_QUERIES.entries()) assert.equal(await blocks.render(path), expected[i], path);
  const readsAfterFirstPass = blocks.rollups.reads;
  for (const [i, path] of CLOSED_QUERIES.entries()) assert.equal(await blocks.render(path), expected[i], path);
  assert.equal(blocks.rollups.reads, readsAfterFirstPass, 'the second pass reads no rollup rows');
  assert.ok(blocks.blocks.bytes > 0 && blocks.blocks.bytes <= 32 * 1024 ** 2, `${blocks.blocks.bytes} bytes held`);
  // A new question over blocks already read (another lab set, a window inside them) reads nothing either.
  await blocks.render(
    '/v1/trends?labs=deepseek,anthropic&interval=hour&from=2026-09-04T00:00:00Z&to=2026-09-08T00:00:00Z',
  );
  assert.equal(blocks.rollups.reads, readsAfterFirstPass);
  // Without a block budget every answer reads again.
  const readsFresh = fresh.rollups.reads;
  await fresh.render(CLOSED_QUERIES[0]);
  assert.equal(fresh.rollups.reads, readsFresh + 1);
});

test('open blocks are read on every answer, so a new post shows at once', async () => {
  const blocks = service(32 * 1024 ** 2);
  const now = Date.now();
  const hour = 3_600_000;
  const from = new Date(Math.floor(now / hour) * hour - 48 * hour).toISOString();
  const to = new Date(Math.floor(now / hour) * hour + hour).toISOString();
  const path = `/v1/trends?labs=mistral-ai&interval=hour&from=${from}&to=${to}&fields=volume`;
  const volume = async () =>
    (JSON.parse(await blocks.render(path)) as { series: Array<{ points: Array<{ volume: number }> }> }).series[0].points
      .map((p) => p.volume)
      .reduce((a, b) => a + b, 0);
  assert.equal(await volume(), 0);
  const reads = blocks.rollups.reads;
  await seedScoredPosts(db, [post('9001', new Date(now - 60_000).toISOString(), 'mistral-ai')]);
  assert.equal(await volume(), 1);
  assert.ok(blocks.rollups.reads > reads, 'the open block was read again');
});
