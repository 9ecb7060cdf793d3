import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

/** Debian's chromium package; `.ci/run` installs it. Playwright's own browser downloads are never used. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
/** DASHBOARD_SCREENSHOT_DIR puts them elsewhere (e.g. to keep them out of the worktree). */
export const SCREENSHOT_DIR = process.env.DASHBOARD_SCREENSHOT_DIR || join(process.cwd(), 'test-results', 'dashboard');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * A headless Chromium with a fresh profile (its own --user-data-dir, removed on close). Fails with
 * what to install when the browser is missing: these tests must not pass by skipping in CI.
 */
export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<Chromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}: install Debian's package (apt-get install -y chromium), as .ci/run does, to run the dashboard tests`,
    );
  }
  const profile = await mkdtemp(join(tmpdir(), 'labpulse-chromium-'));
  // Playwright passes the profile as --user-data-dir itself (it refuses the flag in args).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Where a test's screenshot goes: test-results/dashboard/<name>.png (ignored by git), or DASHBOARD_SCREENSHOT_DIR/<name>.png. */
export async function screenshotPath(name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return join(SCREENSHOT_DIR, `${name}.png`);
}
