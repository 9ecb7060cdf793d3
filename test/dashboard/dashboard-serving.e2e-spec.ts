import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { openTestDatabase, testConfig } from '@labpulse/testing';
import { listeningApi } from '../../apps/api/test/support/listening-api';

/** How the api serves the dashboard: open page and files, nothing else opened, nothing from elsewhere. */
let app: INestApplication;
let db: DataSource;
let base: string;

before(async () => {
  const config = testConfig();
  db = await openTestDatabase(config);
  ({ app, base } = await listeningApi(config));
});
after(async () => {
  await app?.close();
  await db?.destroy();
});

test('the page is served at / without a key, with a policy that allows only this origin', async () => {
  const res = await fetch(`${base}/`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/html; charset=utf-8/);
  const csp = res.headers.get('content-security-policy') ?? '';
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/, 'the inline import map is allowed by its hash only');
  assert.match(csp, /connect-src 'self'/);
  assert.equal(res.headers.get('ratelimit-limit'), null, 'open routes are not rate limited');
  const html = await res.text();
  assert.match(html, /<script type="module" src="\/dashboard\/main.js">/);
  // Everything the page loads comes from this server.
  for (const [, url] of html.matchAll(/(?:src|href)="([^"]+)"/g))
    assert.ok(url.startsWith('/') || url.startsWith('#'), `${url} is local`);
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html);
  assert.deepEqual(JSON.parse(importMap?.[1] ?? '{}'), { imports: { uplot: '/dashboard/uPlot.esm.js' } });
});

test('every module the page imports is served, with its type, and revalidated by ETag', async () => {
  const seen = new Set<string>();
  const queue = ['main.js'];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const res = await fetch(`${base}/dashboard/${name}`);
    assert.equal(res.status, 200, name);
    assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/, name);
    const source = await res.text();
    // Imports are sibling modules or the charting library (mapped to /dashboard/ by the import map), never a URL.
    for (const [, specifier] of source.matchAll(/^import [^'"]*'([^']+)';$/gm)) {
      assert.match(specifier, /^(\.\/[a-z-]+\.js|uplot)$/, `${name} imports ${specifier}`);
      if (specifier !== 'uplot') queue.push(specifier.slice(2));
    }
  }
  assert.ok(seen.size >= 15, `followed ${seen.size} modules`);
  for (const name of ['uPlot.esm.js', 'uPlot.min.css', 'dashboard.css']) {
    const res = await fetch(`${base}/dashboard/${name}`);
    assert.equal(res.status, 200, name);
    const etag = res.headers.get('etag');
    assert.ok(etag);
    assert.equal(res.headers.get('cache-control'), 'no-cache');
    assert.equal((await fetch(`${base}/dashboard/${name}`, { headers: { 'if-none-match': etag } })).status, 304);
  }
});

test('only the dashboard files are reachable; the API itself still needs a key', async () => {
  for (const path of [
    '/dashboard/tsconfig.json',
    '/dashboard/..%2Fdashboard.controller.ts',
    '/dashboard/nope.js',
    '/dashboard/index.html',
  ]) {
    const res = await fetch(`${base}${path}`);
    assert.equal(res.status, 404, path);
    assert.match(res.headers.get('content-type') ?? '', /problem\+json/);
  }
  assert.equal((await fetch(`${base}/v1/labs`)).status, 401);
  assert.equal((await fetch(`${base}/v1/trends?labs=openai&interval=day&from=2026-10-01&to=2026-10-02`)).status, 401);
});

test('the icon is served at /favicon.ico, where browsers ask for it, and linked from the page', async () => {
  const html = await (await fetch(`${base}/`)).text();
  assert.match(html, /<link rel="icon" href="\/dashboard\/favicon.svg" type="image\/svg\+xml">/);
  const [legacy, linked] = await Promise.all([fetch(`${base}/favicon.ico`), fetch(`${base}/dashboard/favicon.svg`)]);
  for (const res of [legacy, linked]) {
    assert.equal(res.status, 200, res.url);
    assert.equal(res.headers.get('content-type'), 'image/svg+xml', res.url);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  }
  const body = await legacy.text();
  assert.match(body, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]*>/);
  assert.equal(body, await linked.text());
});
