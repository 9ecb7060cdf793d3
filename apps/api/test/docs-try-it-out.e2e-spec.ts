import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { openTestDatabase, testConfig } from '@labpulse/testing';
import { type Chromium, launchChromium } from '../../../test/dashboard/chromium';
import { listeningApi } from './support/listening-api';

/** What a user sees in /docs: "Try it out" fills the required parameters' examples and leaves optional ones empty. */
let app: INestApplication;
let db: DataSource;
let base: string;
let browser: Chromium;

before(async () => {
  const config = testConfig();
  db = await openTestDatabase(config);
  ({ app, base } = await listeningApi(config));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await app?.close();
  await db?.destroy();
});

test('"Try it out" on GET /v1/trends pre-fills no optional parameter', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${base}/docs#/trends/TrendsController_get`);
  const operation = page.locator('#operations-trends-TrendsController_get');
  await operation.locator('.try-out__btn').click();
  const value = (name: string) => operation.locator(`tr[data-param-name="${name}"] input`).inputValue();
  assert.equal(await value('labs'), 'openai,anthropic', 'a required parameter shows its example');
  for (const name of ['platforms', 'tz', 'fields']) assert.equal(await value(name), '', `${name} is left empty`);
  await page.close();
});
