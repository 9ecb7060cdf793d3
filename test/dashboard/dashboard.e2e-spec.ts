import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import type { Page } from 'playwright-core';
import type { DataSource } from 'typeorm';
import { createTestApiKey, openTestDatabase, resetData, type TestApiKey, testConfig } from '@labpulse/testing';
import { listeningApi } from '../../apps/api/test/support/listening-api';
import { type Chromium, launchChromium, screenshotPath } from './chromium';
import { DAYS, EXPECTED_7D, GAP_DAY, NOW, type SeededWorld, seedDashboardWorld } from './dashboard-fixtures';

/**
 * The dashboard in real headless Chromium against the real api, on posts seeded through the
 * ingest, scoring and rollup repositories. The browser's clock is pinned to NOW so "last 7 days"
 * means the same days on every run. Assertions read the numbers the page exposes (each chart's
 * `data-drawn`, its table, the side-by-side table), never pixels. Screenshots: test-results/dashboard/.
 */
let app: INestApplication;
let db: DataSource;
let base: string;
let reader: TestApiKey;
let world: SeededWorld;
let browser: Chromium;

const WAIT = 15_000;
const SEVEN_DAYS = '/?labs=openai,anthropic&range=7d&interval=day';

before(async () => {
  // Chromium first: without it the file fails right here, saying what to install.
  browser = await launchChromium();
  const config = testConfig({ API_CACHE_SECONDS: '0' });
  db = await openTestDatabase(config);
  await resetData(db);
  world = await seedDashboardWorld(db);
  reader = await createTestApiKey(db, 'read');
  ({ app, base } = await listeningApi(config));
});
after(async () => {
  await browser?.close();
  await app?.close();
  await db?.destroy();
});

interface OpenOptions {
  /** Store the read key before the page loads (as if entered on an earlier visit). */
  withKey?: boolean;
  viewport?: { width: number; height: number };
}

/** A page on the dashboard with the clock at NOW; page errors and CSP violations are collected. */
async function open(path: string, options: OpenOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.context.newPage();
  page.setDefaultTimeout(WAIT);
  if (options.viewport) await page.setViewportSize(options.viewport);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (msg) => {
    // A refused request is logged by Chromium itself; the page is expected to explain it.
    if (msg.type() === 'error' && !msg.text().startsWith('Failed to load resource'))
      errors.push(`console: ${msg.text()}`);
  });
  await page.clock.setFixedTime(NOW);
  if (options.withKey) await page.addInitScript((key) => localStorage.setItem('labpulse.apiKey', key), reader.key);
  await page.goto(`${base}${path}`);
  return { page, errors };
}

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('body[data-state="ready"]');
}

/** The series a chart drew, as uPlot held them when it last drew (one array per lab). */
async function drawn(page: Page, chart: 'volume' | 'sentiment'): Promise<Array<Array<number | null>>> {
  const handle = await page.waitForSelector(`[data-chart="${chart}"][data-drawn]`, { state: 'attached' });
  return JSON.parse((await handle.getAttribute('data-drawn')) ?? '[]') as Array<Array<number | null>>;
}

/** Column headers and rows (bucket start + raw values) of a chart's table. */
async function chartTable(page: Page, chart: string): Promise<{ labs: string[]; rows: Array<[string, ...string[]]> }> {
  return page.$eval(`table[data-chart-table="${chart}"]`, (table) => ({
    labs: [...table.querySelectorAll('thead th')].slice(1).map((th) => th.textContent ?? ''),
    rows: [...table.querySelectorAll('tbody tr')].map(
      (tr) =>
        [
          (tr as HTMLElement).dataset.start ?? '',
          ...[...tr.querySelectorAll('td')].map((td) => td.dataset.value ?? ''),
        ] as [string, ...string[]],
    ),
  }));
}

/** Compare table: lab -> [posts, net sentiment, share of voice], raw values. */
async function compareRows(page: Page): Promise<Record<string, string[]>> {
  return page.$$eval('table[data-compare] tbody tr', (rows) =>
    Object.fromEntries(
      rows.map((tr) => [
        (tr as HTMLElement).dataset.lab,
        ['volume', 'netSentiment', 'shareOfVoice'].map(
          (f) => (tr.querySelector(`[data-field="${f}"]`) as HTMLElement).dataset.value,
        ),
      ]),
    ),
  );
}

/** Clicks the middle of bucket `index` on a chart's plot area. */
async function clickBucket(page: Page, chart: string, index: number, buckets: number): Promise<void> {
  const box = await page.locator(`[data-chart="${chart}"] .u-over`).boundingBox();
  assert.ok(box, 'the chart has a plot area');
  await page.mouse.click(box.x + (box.width * (index + 0.5)) / buckets, box.y + box.height / 2);
}

const asNumbers = (values: string[]) => values.map((v) => (v === '' ? null : Number(v)));

describe('dashboard in headless Chromium', () => {
  test('asks for the key once, keeps it, and draws the seeded numbers', async () => {
    const { page, errors } = await open(SEVEN_DAYS);
    await page.waitForSelector('body[data-state="needs-key"]');
    assert.ok(await page.isVisible('#key-panel'), 'the key form is shown');
    assert.ok(!(await page.isVisible('#dashboard')), 'no dashboard without a key');
    await page.fill('#key-input', reader.key);
    await page.click('#key-form button[type="submit"]');
    await ready(page);
    assert.equal(
      await page.evaluate(() => localStorage.getItem('labpulse.apiKey')),
      reader.key,
      'kept in this browser',
    );
    assert.match(
      (await page.textContent('#key-status-text')) ?? '',
      new RegExp(`^Key ${reader.key.slice(0, 11)}…$`),
      'only the prefix is shown',
    );

    // Volume: Oct 25 was a collection gap, so a lab with no posts that day has no point there.
    assert.deepEqual(await drawn(page, 'volume'), [EXPECTED_7D.volume.openai, EXPECTED_7D.volume.anthropic]);
    // 1 to 3 scored posts a day: no net sentiment is drawn (it would swing to ±1 on one post); the table gives each n.
    const nothing = DAYS.map(() => null);
    assert.deepEqual(await drawn(page, 'sentiment'), [nothing, nothing]);
    const net = await page.$$eval('table[data-chart-table="sentiment"] tbody tr', (rows) =>
      rows.map((tr) => [...tr.querySelectorAll('td')].map((td) => [td.dataset.n, td.textContent])),
    );
    assert.deepEqual(
      net.map((row) => row.map(([n]) => Number(n))),
      DAYS.map((_, i) => [EXPECTED_7D.scored.openai[i], EXPECTED_7D.scored.anthropic[i]]),
    );
    assert.deepEqual(net[2][0], ['3', 'too few (n = 3)']);
    assert.deepEqual(net[0][0], ['0', 'no scored posts']);
    assert.match(
      (await page.textContent('#sentiment-chart .chart-summary')) ?? '',
      /OpenAI: 5 scored posts, too few in any one day to draw\..*fewer than 5 scored posts are not drawn/,
    );
    const table = await chartTable(page, 'volume');
    assert.deepEqual(table.labs, ['OpenAI', 'Anthropic']);
    assert.deepEqual(
      table.rows.map((r) => r[0]),
      DAYS,
    );
    assert.deepEqual(
      table.rows.map((r) => asNumbers(r.slice(1))),
      DAYS.map((_, i) => [EXPECTED_7D.volume.openai[i], EXPECTED_7D.volume.anthropic[i]]),
    );
    assert.match(
      (await page.getAttribute('[data-chart="volume"]', 'aria-label')) ?? '',
      /OpenAI: 5 posts, most on 24 Oct 2026 \(3\)\. Anthropic: 2 posts/,
    );

    // Side by side for the span of the charts' buckets, [Oct 22, Oct 30), against the 8 days before (one post each).
    assert.deepEqual(await compareRows(page), { openai: ['5', '0', '0.7143'], anthropic: ['2', '1', '0.2857'] });
    const openaiRow = page.locator('table[data-compare] tr[data-lab="openai"]');
    assert.match((await openaiRow.textContent()) ?? '', /\+400%.*−1\.00.*\+21\.4 pts/);
    const stance = await page.$$eval('.bar-row[data-lab="openai"] [data-stance]', (parts) =>
      parts.map((p) => [(p as HTMLElement).dataset.stance, (p as HTMLElement).dataset.count]),
    );
    assert.deepEqual(stance, [
      ['favor', '2'],
      ['stanceNeutral', '1'],
      ['against', '2'],
    ]);
    assert.equal(await page.getAttribute('#share-body [data-lab="anthropic"]', 'data-value'), '0.2857');

    // Source health: the gap day is marked, and the sources' status is listed.
    const coverage = ((await page.getAttribute('[data-coverage]', 'data-coverage')) ?? '').split(',');
    assert.deepEqual(
      coverage,
      DAYS.map((_, i) => (i === GAP_DAY ? 'down' : 'ok')),
    );
    assert.equal(await page.getAttribute('[data-coverage-summary]', 'data-coverage-summary'), 'gaps');
    assert.match(
      (await page.textContent('table[data-sources]')) ?? '',
      /AI labs on X.*ok.*Lab pages on Facebook.*failing.*HTTP 503/s,
    );

    // Alerts about the labs on the page, explained; the DeepSeek one is not among them.
    await page.waitForSelector('#alerts-body[aria-busy="false"]');
    assert.deepEqual(await page.$$eval('[data-alert]', (els) => els.map((e) => (e as HTMLElement).dataset.alert)), [
      world.alertId,
    ]);
    assert.match(
      (await page.textContent(`[data-alert="${world.alertId}"]`)) ?? '',
      /firing.*OpenAI.*Negative share rose on all platforms: 60\.0% observed against 10\.0% expected \(score 4\.2, n = 25\)\. Decision: fire, score 4\.2 >= enter 3/s,
    );
    await page.screenshot({ path: await screenshotPath('desktop-7-days'), fullPage: true });

    // The key is asked once: a new visit goes straight to the data.
    await page.reload();
    await ready(page);
    assert.ok(!(await page.isVisible('#key-panel')));
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('changing the labs or the period redraws the charts with their numbers', async () => {
    const { page, errors } = await open(SEVEN_DAYS, { withKey: true });
    await ready(page);
    // Swap Anthropic for DeepSeek: its Oct 25 posts arrived although collection was down, so they are drawn.
    await page.uncheck('input[name="lab"][value="anthropic"]');
    await page.check('input[name="lab"][value="deepseek"]');
    await page.waitForFunction(
      () =>
        document.querySelector('table[data-chart-table="volume"] thead')?.textContent?.includes('DeepSeek') &&
        document.body.dataset.state === 'ready',
    );
    assert.deepEqual(await drawn(page, 'volume'), [EXPECTED_7D.volume.openai, EXPECTED_7D.volume.deepseek]);
    assert.deepEqual(await compareRows(page), { openai: ['5', '0', '0.7143'], deepseek: ['2', '-1', '0.2857'] });
    assert.match(page.url(), /labs=openai,deepseek&range=7d&interval=day$/, 'the view is in the address bar');

    // Last 30 days, by week: [Sep 29 12:00, Oct 29 12:00) has OpenAI's Oct 5 and Oct 16 posts too.
    await page.selectOption('select[name="range"]', '30d');
    await page.selectOption('select[name="interval"]', 'week');
    await page.waitForFunction(
      () =>
        document.querySelector('[data-chart="volume"]')?.getAttribute('data-buckets') === '5' &&
        document.body.dataset.state === 'ready',
    );
    const weeks = await chartTable(page, 'volume');
    assert.deepEqual(
      weeks.rows.map((r) => r[0]),
      [
        '2026-09-28T00:00:00.000Z',
        '2026-10-05T00:00:00.000Z',
        '2026-10-12T00:00:00.000Z',
        '2026-10-19T00:00:00.000Z',
        '2026-10-26T00:00:00.000Z',
      ],
    );
    assert.deepEqual(await drawn(page, 'volume'), [
      [0, 1, 1, 3, 2],
      [0, 0, 0, 2, 0],
    ]);
    assert.deepEqual((await compareRows(page)).openai, ['7', '0', '0.7778']);

    // One platform: only LinkedIn posts (OpenAI's Oct 24 panel post).
    await page.selectOption('select[name="range"]', '7d');
    await page.selectOption('select[name="platform"]', 'linkedin');
    await page.waitForFunction(
      () => location.search.includes('platform=linkedin') && document.body.dataset.state === 'ready',
    );
    assert.deepEqual(
      (await drawn(page, 'volume'))[0],
      [0, 0, 1, 0, 0, 0, 0, 0],
      'no LinkedIn collector: nothing is a gap',
    );
    assert.equal(await page.getAttribute('[data-coverage-summary]', 'data-coverage-summary'), 'untracked');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('clicking a bucket lists its posts, linked to the originals', async () => {
    const { page, errors } = await open(SEVEN_DAYS, { withKey: true });
    await ready(page);
    await clickBucket(page, 'volume', 2, DAYS.length); // Oct 24
    await page.waitForSelector('#posts-card:not([hidden]) [data-lab="anthropic"][aria-busy="false"] [data-post]');
    await page.waitForSelector('#posts-card [data-lab="openai"][aria-busy="false"]');
    assert.equal(await page.getAttribute('#posts-card', 'data-from'), '2026-10-24T00:00:00.000Z');
    assert.equal(await page.getAttribute('#volume-chart', 'data-selected'), '2', 'the chart marks the bucket');
    assert.equal(await page.getAttribute('#posts-card', 'data-to'), '2026-10-25T00:00:00.000Z');
    assert.match((await page.textContent('[data-posts-title]')) ?? '', /24 Oct 2026/);
    const posts = await page.$$eval('#posts-card [data-lab="openai"] [data-post]', (items) =>
      items.map((li) => [(li as HTMLElement).dataset.post, li.querySelector('a')?.getAttribute('href') ?? null]),
    );
    // Most engaging first; links given by the platform or derived from the post id.
    assert.deepEqual(posts, [
      ['2001', 'https://x.com/ana/status/2001'],
      ['urn:li:share:2003', 'https://www.linkedin.com/feed/update/urn:li:share:2003/'],
      ['2002', 'https://x.com/ben/status/2002'],
    ]);
    assert.match(
      (await page.textContent('#posts-card [data-post="2002"]')) ?? '',
      /OpenAI outage again, not impressed.*negative/s,
    );
    assert.equal(await page.getAttribute('#posts-card [data-post="2001"] a', 'rel'), 'noopener noreferrer');
    assert.deepEqual(
      await page.$$eval('#posts-card [data-lab="anthropic"] [data-post]', (items) =>
        items.map((li) => (li as HTMLElement).dataset.post),
      ),
      ['urn:li:share:2003'],
    );
    await page.locator('#posts-card').scrollIntoViewIfNeeded();
    await page.screenshot({ path: await screenshotPath('posts-of-a-bucket'), fullPage: true });

    // The keyboard path: a bucket in the sentiment table (Oct 28).
    await page.locator('#sentiment-chart details summary').click();
    await page.locator('#sentiment-chart button[data-bucket="6"]').click();
    await page.waitForFunction(
      () => document.querySelector('#posts-card')?.getAttribute('data-from') === '2026-10-28T00:00:00.000Z',
    );
    await page.waitForSelector('#posts-card [data-lab="openai"][aria-busy="false"] [data-post="100_2005"]');
    assert.ok(
      await page.isVisible('#posts-card [data-lab="anthropic"] [data-posts-empty]'),
      'a lab without posts says so',
    );
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('loading and empty states', async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT);
    await page.clock.setFixedTime(NOW);
    await page.addInitScript((key) => localStorage.setItem('labpulse.apiKey', key), reader.key);
    await page.route('**/v1/trends?**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${base}/?labs=cohere,perplexity&range=7d&interval=day`);
    await page.waitForSelector('body[data-state="loading"]');
    assert.equal(await page.getAttribute('#dashboard', 'aria-busy'), 'true');
    assert.ok(await page.isVisible('#compare-body .loading'), 'a loading message while the numbers are on their way');
    release();
    await ready(page);
    assert.ok(await page.isVisible('#empty-note'), 'no posts in the period is said plainly');
    assert.deepEqual(await drawn(page, 'volume'), [
      [0, 0, 0, null, 0, 0, 0, 0],
      [0, 0, 0, null, 0, 0, 0, 0],
    ]);
    assert.ok(await page.isVisible('#share-body .empty'));
    await page.screenshot({ path: await screenshotPath('empty-period'), fullPage: true });
    await page.close();
  });

  test('a wrong key shows what is wrong and asks again; a forgotten key is gone', async () => {
    const fresh = await launchChromium();
    try {
      const page = await fresh.context.newPage();
      page.setDefaultTimeout(WAIT);
      await page.goto(`${base}/`);
      await page.waitForSelector('body[data-state="needs-key"]');
      await page.fill('#key-input', `lp_${'x'.repeat(43)}`);
      await page.click('#key-form button[type="submit"]');
      await page.waitForSelector('#key-message[data-error="unauthorized"]');
      assert.match(
        (await page.textContent('#key-message')) ?? '',
        /^Your API key was not accepted\. The API says: the API key is unknown or revoked\. Enter a valid read key\.$/,
      );
      assert.equal(await page.getAttribute('#key-message', 'role'), 'alert', 'read out at once');
      assert.ok(await page.isVisible('#key-panel'), 'the key form is open again');
      assert.ok(await page.isHidden('#dashboard'), 'nothing half-drawn behind the message');
      assert.ok(await page.isHidden('#filters'));
      await page.screenshot({ path: await screenshotPath('wrong-key'), fullPage: true });

      // The right key then works, and "Forget key" removes it from the browser.
      await page.fill('#key-input', reader.key);
      await page.click('#key-form button[type="submit"]');
      await ready(page);
      assert.ok(await page.isHidden('#banner'));
      await page.click('#key-forget');
      await page.waitForSelector('body[data-state="needs-key"]');
      assert.equal(await page.evaluate(() => localStorage.getItem('labpulse.apiKey')), null);
      assert.ok(!(await page.isVisible('#dashboard')), 'the data is hidden once the key is forgotten');
    } finally {
      await fresh.close();
    }
  });

  test('the API being down is said plainly, with a way to try again', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT);
    await page.clock.setFixedTime(NOW);
    await page.addInitScript((key) => localStorage.setItem('labpulse.apiKey', key), reader.key);
    await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
    await page.goto(`${base}${SEVEN_DAYS}`);
    await page.waitForSelector('#banner[data-error="unreachable"]');
    assert.match(
      (await page.textContent('#banner')) ?? '',
      /The LabPulse API is not answering.*down or restarting.*Try again/s,
    );
    assert.equal(await page.getAttribute('body', 'data-state'), 'error');
    assert.ok(await page.isHidden('#dashboard'), 'no endless loading placeholders');
    await page.screenshot({ path: await screenshotPath('api-down'), fullPage: true });
    await page.unroute('**/v1/**');
    await page.click('#banner button.retry');
    await ready(page);
    assert.ok(await page.isHidden('#banner'));

    // Down while in use: the last numbers stay (dimmed) under the message.
    await page.route('**/v1/**', (route) => route.abort('connectionrefused'));
    await page.click('#refresh');
    await page.waitForSelector('#banner[data-error="unreachable"]');
    assert.ok(await page.isVisible('#dashboard'));
    assert.deepEqual(await drawn(page, 'volume'), [EXPECTED_7D.volume.openai, EXPECTED_7D.volume.anthropic]);
    await page.unroute('**/v1/**');
    await page.click('#banner button.retry');
    await ready(page);
    assert.ok(await page.isHidden('#banner'));
    await page.close();
  });

  test('a view the API refuses (too many points) says why, without a pointless retry', async () => {
    const { page } = await open('/?labs=openai&range=custom&from=2026-01-01&to=2026-10-28&interval=5m', {
      withKey: true,
    });
    await page.waitForSelector('#banner[data-error="invalid"]');
    assert.match(
      (await page.textContent('#banner')) ?? '',
      /The API cannot answer this view.*interval.*Try a longer interval/s,
    );
    assert.equal(await page.locator('#banner button.retry').count(), 0);
    // A longer interval is then answered.
    await page.selectOption('select[name="interval"]', 'day');
    await ready(page);
    assert.ok(await page.isHidden('#banner'));
    await page.close();
  });

  test('without the alerts API (404) or the source list (403) the rest still works, with a note', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT);
    await page.clock.setFixedTime(NOW);
    await page.addInitScript((key) => localStorage.setItem('labpulse.apiKey', key), reader.key);
    const problem = (status: number, detail: string) => ({
      status,
      contentType: 'application/problem+json',
      body: JSON.stringify({ type: 'about:blank', title: String(status), status, detail }),
    });
    await page.route('**/v1/alerts?**', (route) => route.fulfill(problem(404, 'Cannot GET /v1/alerts')));
    await page.route('**/v1/sources?**', (route) =>
      route.fulfill(problem(403, 'this request needs an API key with the admin scope')),
    );
    await page.goto(`${base}${SEVEN_DAYS}`);
    await ready(page);
    await page.waitForSelector('[data-alerts-note]');
    assert.match(
      (await page.textContent('[data-alerts-note]')) ?? '',
      /Alerts are not available on this server \(GET \/v1\/alerts answered 404\)/,
    );
    assert.match((await page.textContent('[data-sources-note]')) ?? '', /refused \(403\)/);
    assert.deepEqual(
      await drawn(page, 'volume'),
      [EXPECTED_7D.volume.openai, EXPECTED_7D.volume.anthropic],
      'coverage still marks the gap',
    );
    assert.ok(await page.isHidden('#banner'));
    await page.screenshot({ path: await screenshotPath('alerts-and-sources-unavailable'), fullPage: true });
    await page.close();
  });

  test('on a phone: one column, nothing wider than the screen, same numbers', async () => {
    const { page, errors } = await open(SEVEN_DAYS, { withKey: true, viewport: { width: 390, height: 844 } });
    await ready(page);
    assert.deepEqual(await drawn(page, 'volume'), [EXPECTED_7D.volume.openai, EXPECTED_7D.volume.anthropic]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the screen`);
    const columns = await page.$eval('#dashboard', (el) => getComputedStyle(el).gridTemplateColumns.split(' ').length);
    assert.equal(columns, 1);
    await page.screenshot({ path: await screenshotPath('phone-7-days'), fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
