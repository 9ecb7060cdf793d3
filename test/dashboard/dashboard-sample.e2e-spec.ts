import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@labpulse/config';
import { createTestApiKey, openTestDatabase, resetData, type TestApiKey, testConfig, waitFor } from '@labpulse/testing';
import { createApiApp } from '../../apps/api/src/bootstrap-api';
import { bootstrapWorker, type RunningWorker } from '../../apps/worker/src/bootstrap-worker';
import { type Chromium, launchChromium, screenshotPath } from './chromium';

/**
 * The bundled sample (samples/sample-posts.jsonl, a week of posts) imported through the CLI, the
 * worker's import, score and aggregate queues, then shown by the dashboard in Chromium: what the
 * page draws and tabulates is what the API answers for the same question.
 */
const run = promisify(execFile);
const VIEW = '/?labs=openai,anthropic,deepseek,xai&range=custom&from=2026-11-20&to=2026-11-26&interval=day';
let config: AppConfig;
let db: DataSource;
let worker: RunningWorker;
let api: INestApplication;
let base: string;
let reader: TestApiKey;
let browser: Chromium;

before(async () => {
  browser = await launchChromium();
  config = testConfig({ API_CACHE_SECONDS: '0' });
  db = await openTestDatabase(config);
  await resetData(db);
  reader = await createTestApiKey(db, 'read');
  worker = await bootstrapWorker(config);
  api = await createApiApp(config);
  await api.listen(0, '127.0.0.1');
  base = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  await run(
    process.execPath,
    [
      '--require',
      '@swc-node/register',
      'apps/cli/src/main.ts',
      'import',
      join(process.cwd(), 'samples', 'sample-posts.jsonl'),
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: config.database.url,
        REDIS_URL: config.redis.url,
        QUEUE_PREFIX: config.queue.prefix,
      },
    },
  );
  await waitFor(
    async () => {
      const [row] = await db.query(
        `SELECT (SELECT count(*) FROM pending_scores)::int + (SELECT count(*) FROM dirty_buckets)::int AS n, (SELECT count(*) FROM posts)::int AS posts`,
      );
      return row.n === 0 && row.posts > 0;
    },
    { description: 'the sample to be imported, scored and aggregated', timeoutMs: 120_000 },
  );
});
after(async () => {
  await browser?.close();
  await api?.close();
  await worker?.close();
  await db?.destroy();
});

interface Scored {
  positive: number;
  neutral: number;
  negative: number;
}
const scored = (p: Scored) => p.positive + p.neutral + p.negative;

async function apiGet<T>(path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: reader.headers });
  assert.equal(res.status, 200, path);
  return (await res.json()) as T;
}

test('the imported sample week is drawn with the numbers the API gives', async () => {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  await page.addInitScript((key) => localStorage.setItem('labpulse.apiKey', key), reader.key);
  await page.goto(`${base}${VIEW}`);
  await page.waitForSelector('body[data-state="ready"]');

  // Custom dates are whole UTC days, the last one included.
  const period = 'labs=openai,anthropic,deepseek,xai&from=2026-11-20T00:00:00.000Z&to=2026-11-27T00:00:00.000Z';
  const trends = await apiGet<{
    series: Array<{ lab: string; points: Array<{ volume: number; netSentiment: number | null } & Scored> }>;
  }>(`/v1/trends?${period}&interval=day`);
  const compare = await apiGet<{
    labs: Array<{ lab: string; current: { volume: number; netSentiment: number | null } }>;
  }>(`/v1/compare?${period}`);
  assert.ok(
    compare.labs.every((lab) => lab.current.volume > 0),
    'the sample names every lab on the page',
  );

  const drawnVolume = JSON.parse((await page.getAttribute('[data-chart="volume"]', 'data-drawn')) ?? '[]');
  const drawnNet = JSON.parse((await page.getAttribute('[data-chart="sentiment"]', 'data-drawn')) ?? '[]');
  // Imports carry no collector health, so no bucket is a gap: the chart holds the API's numbers as they are
  // (net sentiment where a day has the 5 scored posts it needs).
  assert.deepEqual(
    drawnVolume,
    trends.series.map((s) => s.points.map((p) => p.volume)),
  );
  assert.deepEqual(
    drawnNet,
    trends.series.map((s) => s.points.map((p) => (scored(p) >= 5 ? p.netSentiment : null))),
  );
  assert.equal(await page.getAttribute('[data-coverage-summary]', 'data-coverage-summary'), 'untracked');
  const table = await page.$$eval('table[data-compare] tbody tr', (rows) =>
    rows.map((tr) => [
      (tr as HTMLElement).dataset.lab,
      Number((tr.querySelector('[data-field="volume"]') as HTMLElement).dataset.value),
    ]),
  );
  assert.deepEqual(
    table,
    compare.labs.map((lab) => [lab.lab, lab.current.volume]),
  );
  await page.screenshot({ path: await screenshotPath('sample-week'), fullPage: true });
  await page.close();
});

test('the first screen, with nothing but the sample, shows its week and its busiest labs', async () => {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Ten days after the sample's last post: "the last 7 days" hold nothing.
  await page.clock.setFixedTime(new Date('2026-12-06T09:00:00Z'));
  await page.addInitScript((key) => localStorage.setItem('labpulse.apiKey', key), reader.key);
  await page.goto(`${base}/`);
  await page.waitForSelector('body[data-state="ready"]');

  // The busiest labs of the sample's 7 days, as the API counts them (25 labs: two questions of at most 20).
  const labs = (await apiGet<{ data: Array<{ slug: string; enabled: boolean }> }>('/v1/labs')).data
    .filter((l) => l.enabled)
    .map((l) => l.slug);
  const week = 'from=2026-11-20T00:00:00.000Z&to=2026-11-27T00:00:00.000Z';
  const volumes = (
    await Promise.all(
      [labs.slice(0, 20), labs.slice(20)].map((group) =>
        apiGet<{ labs: Array<{ lab: string; current: { volume: number } }> }>(
          `/v1/compare?labs=${group.join(',')}&${week}`,
        ),
      ),
    )
  ).flatMap((c) => c.labs.map((l) => ({ lab: l.lab, volume: l.current.volume, order: labs.indexOf(l.lab) })));
  const top = volumes.sort((a, b) => b.volume - a.volume || a.order - b.order).slice(0, 4);
  assert.ok(top[3].volume > 0);

  assert.equal(
    new URL(page.url()).search,
    `?labs=${top.map((l) => l.lab).join(',')}&range=custom&interval=day&from=2026-11-20&to=2026-11-26`,
  );
  assert.equal(
    await page.textContent('#view-note'),
    'Showing the 4 labs with the most posts, 20 Nov 2026 – 26 Nov 2026: the latest 7 days with posts (there are none in the last 7 days).',
  );
  assert.ok(await page.isHidden('#empty-note'), 'not the empty screen');
  const drawn = JSON.parse((await page.getAttribute('[data-chart="volume"]', 'data-drawn')) ?? '[]') as number[][];
  assert.deepEqual(
    drawn.map((series) => series.reduce((n, v) => n + v, 0)),
    top.map((l) => l.volume),
    "the chart draws each lab's posts, busiest first",
  );
  const table = await page.$$eval('table[data-compare] tbody tr', (rows) =>
    rows.map((tr) => Number((tr.querySelector('[data-field="volume"]') as HTMLElement).dataset.value)),
  );
  assert.deepEqual(
    table,
    top.map((l) => l.volume),
  );
  assert.doesNotMatch((await page.textContent('body')) ?? '', /[-−]0\.0+(?![0-9])/, 'no "-0.00"');
  await page.screenshot({ path: await screenshotPath('first-screen-sample'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
