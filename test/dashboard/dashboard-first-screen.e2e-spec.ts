import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import type { Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import {
  createTestApiKey,
  openTestDatabase,
  resetData,
  seedScoredPosts,
  type TestApiKey,
  testConfig,
} from '@labpulse/testing';
import { listeningApi } from '../../apps/api/test/support/listening-api';
import { type Chromium, launchChromium, screenshotPath } from './chromium';
import { BACKGROUND, BURST, BURST_NOW, DAY_VOLUME, WEEK_VOLUME } from './first-screen-fixtures';

/**
 * What a new user sees first, and whether the sections agree: the first screen picks labs and a
 * period with posts (and says so), each lab keeps its colour whatever the order it was picked in, and
 * just after a burst the side-by-side table, stance and share of voice count the posts the charts draw.
 */
let app: INestApplication;
let db: DataSource;
let base: string;
let reader: TestApiKey;
let browser: Chromium;

before(async () => {
  browser = await launchChromium();
  const config = testConfig({ API_CACHE_SECONDS: '0' });
  db = await openTestDatabase(config);
  await resetData(db);
  await seedScoredPosts(db, [...BACKGROUND, ...BURST]);
  reader = await createTestApiKey(db, 'read');
  ({ app, base } = await listeningApi(config));
});
after(async () => {
  await browser?.close();
  await app?.close();
  await db?.destroy();
});

/** A page with the key stored and the clock at `now`, on `path`, ready; page errors are collected. */
async function open(path: string, now: Date): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  await page.clock.setFixedTime(now);
  await page.addInitScript((key) => localStorage.setItem('labpulse.apiKey', key), reader.key);
  await page.goto(`${base}${path}`);
  await page.waitForSelector('body[data-state="ready"]');
  return { page, errors };
}

/** Per lab slug: posts the volume chart draws (summed over its buckets), and the side-by-side, stance and share numbers. */
async function sections(
  page: Page,
): Promise<Record<string, { chart: number; table: number; stance: number; share: number }>> {
  return page.evaluate(() => {
    const drawn = JSON.parse(
      document.querySelector('[data-chart="volume"]')?.getAttribute('data-drawn') ?? '[]',
    ) as Array<Array<number | null>>;
    const names = [...document.querySelectorAll('table[data-chart-table="volume"] thead th')]
      .slice(1)
      .map((th) => th.textContent);
    const out: Record<string, { chart: number; table: number; stance: number; share: number }> = {};
    for (const row of document.querySelectorAll<HTMLElement>('table[data-compare] tbody tr')) {
      const slug = row.dataset.lab as string;
      const series = drawn[names.indexOf(row.querySelector('th')?.textContent ?? '')] ?? [];
      const counts = [...document.querySelectorAll<HTMLElement>(`#stance-body [data-lab="${slug}"] [data-count]`)].map(
        (p) => Number(p.dataset.count),
      );
      out[slug] = {
        chart: series.reduce((n: number, v) => n + (v ?? 0), 0),
        table: Number(row.querySelector<HTMLElement>('[data-field="volume"]')?.dataset.value),
        stance: counts.reduce((n, c) => n + c, 0),
        share: Number(document.querySelector<HTMLElement>(`#share-body [data-lab="${slug}"]`)?.dataset.value),
      };
    }
    return out;
  });
}

/** Per lab slug, the colour of its line, its swatch in the side-by-side table and its share-of-voice bar. */
async function colours(page: Page): Promise<Record<string, { line: string; swatch: string; share: string }>> {
  return page.evaluate(() => {
    const lines = (document.querySelector('[data-chart="volume"]')?.getAttribute('data-colours') ?? '').split(',');
    const names = [...document.querySelectorAll('table[data-chart-table="volume"] thead th')]
      .slice(1)
      .map((th) => th.textContent);
    const out: Record<string, { line: string; swatch: string; share: string }> = {};
    for (const row of document.querySelectorAll<HTMLElement>('table[data-compare] tbody tr')) {
      const slug = row.dataset.lab as string;
      out[slug] = {
        line: lines[names.indexOf(row.querySelector('th')?.textContent ?? '')],
        swatch: row.querySelector<HTMLElement>('.swatch')?.dataset.colour ?? '',
        share: document.querySelector<HTMLElement>(`#share-body [data-lab="${slug}"] .bar-part`)?.dataset.colour ?? '',
      };
    }
    return out;
  });
}

/** Every section counts the same posts for each lab; share of voice is each lab's part of them. */
function assertAgree(
  seen: Record<string, { chart: number; table: number; stance: number; share: number }>,
  expected: Record<string, number>,
): void {
  assert.deepEqual(
    Object.fromEntries(Object.entries(seen).map(([slug, s]) => [slug, s.chart])),
    expected,
    'the chart draws every post',
  );
  const all = Object.values(expected).reduce((n, v) => n + v, 0);
  for (const [slug, s] of Object.entries(seen)) {
    assert.equal(s.table, s.chart, `${slug}: the side-by-side table counts what the chart draws`);
    assert.equal(s.stance, s.chart, `${slug}: stance covers the same posts (each has a stance)`);
    assert.equal(s.share, Math.round((s.chart / all) * 10_000) / 10_000, `${slug}: share of voice over the same span`);
  }
}

/** The volume chart's last bucket: its start and each lab's posts. */
async function lastBucket(page: Page): Promise<Array<string | undefined>> {
  return page.$eval('table[data-chart-table="volume"] tbody tr:last-child', (tr) => [
    (tr as HTMLElement).dataset.start,
    ...[...tr.querySelectorAll('td')].map((td) => td.dataset.value),
  ]);
}

/** "−0.00" and "-0.00" never appear. */
async function assertNoNegativeZero(page: Page): Promise<void> {
  assert.doesNotMatch((await page.textContent('body')) ?? '', /[-−]0\.0+(?![0-9])/);
}

describe('the first screen and agreement between sections', () => {
  test('with posts in the last 7 days, the first screen shows the 4 labs with the most, and says so', async () => {
    const { page, errors } = await open('/', BURST_NOW);
    assert.match(
      page.url(),
      /\?labs=deepseek,openai,anthropic,xai&range=7d&interval=day$/,
      'the view chosen is in the address bar',
    );
    assert.equal(await page.textContent('#view-note'), 'Showing the 4 labs with the most posts in the last 7 days.');
    assert.ok(await page.isHidden('#empty-note'));
    const { deepseek, openai, anthropic, xai } = WEEK_VOLUME;
    assertAgree(await sections(page), { deepseek, openai, anthropic, xai });
    await assertNoNegativeZero(page);
    await page.screenshot({ path: await screenshotPath('first-screen-last-7-days'), fullPage: true });

    // The user takes over: the note no longer describes the view.
    await page.uncheck('input[name="lab"][value="xai"]');
    await page.waitForFunction(() => !location.search.includes('xai') && document.body.dataset.state === 'ready');
    assert.ok(await page.isHidden('#view-note'));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('with no posts in the last 7 days, the first screen shows the latest 7 days that have some', async () => {
    const { page, errors } = await open('/', new Date('2026-11-20T12:00:00Z'));
    assert.match(
      page.url(),
      /\?labs=deepseek,openai,anthropic,xai&range=custom&interval=day&from=2026-10-23&to=2026-10-29$/,
    );
    assert.equal(
      await page.textContent('#view-note'),
      'Showing the 4 labs with the most posts, 23 Oct 2026 – 29 Oct 2026: the latest 7 days with posts (there are none in the last 7 days).',
    );
    assert.equal(await page.getAttribute('[data-chart="volume"]', 'data-buckets'), '7');
    const { deepseek, openai, anthropic, xai } = WEEK_VOLUME;
    assertAgree(await sections(page), { deepseek, openai, anthropic, xai });
    // DeepSeek's Oct 29 (31 scored posts) is drawn with its n; thin days are not drawn.
    const net = await page.$$eval('table[data-chart-table="sentiment"] tbody tr:last-child td', (tds) =>
      tds.map((td) => [td.dataset.value, td.dataset.n, td.textContent]),
    );
    assert.deepEqual(net[0], ['-0.5484', '31', '−0.55 (n = 31)']);
    assert.deepEqual(net[1], ['', '1', 'too few (n = 1)']);
    await assertNoNegativeZero(page);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('just after a burst, the table, stance and share of voice count the posts the charts draw', async () => {
    // The burst is in the current 5 minutes (12:00:30 to 12:02:55; the clock says 12:03:30).
    const { page, errors } = await open('/?labs=deepseek,openai&range=24h&interval=hour', BURST_NOW);
    assertAgree(await sections(page), { ...DAY_VOLUME });
    assert.deepEqual(
      await lastBucket(page),
      ['2026-10-29T12:00:00.000Z', String(BURST.length), '0'],
      'the 12:00 hour holds the burst',
    );
    await page.screenshot({ path: await screenshotPath('after-burst-24-hours'), fullPage: true });

    // By 5 minutes the last bucket is the one the burst is in, still open.
    await page.selectOption('select[name="interval"]', '5m');
    await page.waitForFunction(
      () => location.search.includes('interval=5m') && document.body.dataset.state === 'ready',
    );
    assertAgree(await sections(page), { ...DAY_VOLUME });
    assert.deepEqual(await lastBucket(page), ['2026-10-29T12:00:00.000Z', String(BURST.length), '0']);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('each lab keeps its colour whatever order the labs are picked in', async () => {
    const one = await open('/?labs=openai,anthropic,deepseek,xai&range=7d&interval=day', BURST_NOW);
    const first = await colours(one.page);
    const two = await open('/?labs=xai,deepseek,anthropic,openai&range=7d&interval=day', BURST_NOW);
    assert.deepEqual(await colours(two.page), first);
    for (const [slug, c] of Object.entries(first))
      assert.ok(c.line === c.swatch && c.line === c.share, `${slug}: one colour in every section`);
    assert.equal(new Set(Object.values(first).map((c) => c.line)).size, 4, 'four labs, four colours');

    // Unticking and ticking a lab again (it moves to the end of the list) leaves every colour as it was.
    await two.page.uncheck('input[name="lab"][value="xai"]');
    await two.page.waitForFunction(() => !location.search.includes('xai') && document.body.dataset.state === 'ready');
    await two.page.check('input[name="lab"][value="xai"]');
    await two.page.waitForFunction(
      () => location.search.includes('labs=deepseek,anthropic,openai,xai') && document.body.dataset.state === 'ready',
    );
    assert.deepEqual(await colours(two.page), first);

    // DeepSeek and Meta AI share a palette slot: picked together, they still differ.
    const three = await open('/?labs=meta-ai,deepseek&range=7d&interval=day', BURST_NOW);
    const clash = await colours(three.page);
    assert.notEqual(clash['meta-ai'].line, clash.deepseek.line);
    assert.deepEqual([one.errors, two.errors, three.errors], [[], [], []]);
    await Promise.all([one.page.close(), two.page.close(), three.page.close()]);
  });

  test('numbers that round to zero print without a sign', async () => {
    const { page } = await open('/?labs=openai&range=7d&interval=day', BURST_NOW);
    const printed = await page.evaluate(`import('/dashboard/format.js').then((f) => [
      f.formatNet(-0.001), f.formatNet(0.004), f.formatNet(-0.25), f.formatChange(-0.0001, 'net'),
      f.formatChange(-0.0001, 'percent-points'), f.formatChange(-0.2, 'percent'), f.formatScore(-0.001, 2), f.formatScore(-0.5, 2),
    ])`);
    assert.deepEqual(printed, ['0.00', '0.00', '−0.25', '0.00', '0.0 pts', '0%', '0.00', '−0.50']);
    await page.close();
  });
});
