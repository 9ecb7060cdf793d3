import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@labpulse/config';
import { createTestApiKey, openTestDatabase, resetData, testConfig, waitFor } from '@labpulse/testing';
import { createApiApp } from '../../apps/api/src/bootstrap-api';
import { bootstrapWorker, type RunningWorker } from '../../apps/worker/src/bootstrap-worker';

/**
 * One post's whole journey: a JSONL file through the CLI, the import, score and aggregate queues
 * on real Redis and Postgres, out of GET /v1/trends.
 */
const run = promisify(execFile);
let config: AppConfig;
let db: DataSource;
let worker: RunningWorker;
let api: INestApplication;
let base: string;
let file: string;
let auth: { authorization: string };

const line = (id: string, text: string, at: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    platform: 'x',
    id,
    author: 'someone',
    text,
    created_at: at,
    engagement: { likes: 2, comments: 1, shares: 0 },
    ...extra,
  });

const LINES = [
  line('1', 'I love OpenAI, ChatGPT is amazing and wonderful!', '2026-11-01T10:05:00Z'),
  line('2', 'OpenAI is terrible, awful and broken today. Hate it.', '2026-11-01T10:20:00Z'),
  line('3', "Anthropic's Claude is excellent, great work, love it", '2026-11-01T10:30:00Z', { platform: 'linkedin' }),
  line('1', 'I love OpenAI, ChatGPT is amazing and wonderful!', '2026-11-01T10:05:00Z'),
  '{"platform": "x", "id": "5", "text": "truncated',
  JSON.stringify({ platform: 'x', id: '6', text: 'OpenAI news', engagement: {} }),
  line('7', "OpenAI a publié aujourd'hui un nouveau modèle de langage pour les entreprises", '2026-11-01T11:10:00Z', {
    language: 'fr',
  }),
  line('8', 'DeepSeek is awful, a terrible and sad disappointment', '2026-11-01T11:40:00Z'),
];

before(async () => {
  config = testConfig({ SCHEDULER_INTERVAL_MS: '200' });
  db = await openTestDatabase(config);
  await resetData(db);
  auth = (await createTestApiKey(db, 'read')).headers;
  worker = await bootstrapWorker(config);
  api = await createApiApp(config);
  await api.listen(0, '127.0.0.1');
  base = await api.getUrl();
  file = join(mkdtempSync(join(tmpdir(), 'labpulse-e2e-')), 'posts.jsonl');
  writeFileSync(file, `${LINES.join('\n')}\n`);
});
after(async () => {
  await api?.close();
  await worker?.close();
  await db?.destroy();
});

function cli(...args: string[]) {
  return run(process.execPath, ['--require', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    env: {
      ...process.env,
      DATABASE_URL: config.database.url,
      REDIS_URL: config.redis.url,
      QUEUE_PREFIX: config.queue.prefix,
    },
  });
}

async function settled(): Promise<boolean> {
  const [row] = await db.query(
    `SELECT (SELECT count(*) FROM pending_scores)::int + (SELECT count(*) FROM dirty_buckets)::int AS n`,
  );
  return row.n === 0;
}

type Point = { start: string; volume: number; positive: number; neutral: number; negative: number; unscored: number };
async function hourly(labs: string): Promise<Record<string, Array<[string, number, number, number, number]>>> {
  const res = await fetch(
    `${base}/v1/trends?labs=${labs}&interval=hour&from=2026-11-01T10:00:00Z&to=2026-11-01T12:00:00Z`,
    { headers: auth },
  );
  assert.equal(res.status, 200);
  const body = (await res.json()) as { series: Array<{ lab: string; points: Point[] }> };
  return Object.fromEntries(
    body.series.map((s) => [
      s.lab,
      s.points.map(
        (p) =>
          [p.start.slice(11, 16), p.volume, p.positive, p.negative, p.unscored] as [
            string,
            number,
            number,
            number,
            number,
          ],
      ),
    ]),
  );
}

const EXPECTED = {
  openai: [
    ['10:00', 2, 1, 1, 0],
    ['11:00', 1, 0, 0, 1],
  ],
  anthropic: [
    ['10:00', 1, 1, 0, 0],
    ['11:00', 0, 0, 0, 0],
  ],
  deepseek: [
    ['10:00', 0, 0, 0, 0],
    ['11:00', 1, 0, 1, 0],
  ],
};

test('a file imported through the CLI reaches the trend endpoint with the counts the file implies', async () => {
  const { stdout } = await cli('import', file);
  assert.match(stdout, /read 8 post line\(s\): 5 new, 1 already stored, 2 rejected/);
  assert.match(stdout, /line 5: not valid JSON/);
  assert.match(stdout, /line 6: created_at: /);
  await waitFor(settled, { description: 'scoring and aggregation to finish', timeoutMs: 60_000 });
  assert.deepEqual(await hourly('openai,anthropic,deepseek'), EXPECTED);
});

test('importing the same file again changes no count', async () => {
  const { stdout } = await cli('import', file);
  assert.match(stdout, /read 8 post line\(s\): 0 new, 6 already stored, 2 rejected/);
  await waitFor(settled, { description: 'the queues to drain', timeoutMs: 60_000 });
  assert.deepEqual(await hourly('openai,anthropic,deepseek'), EXPECTED);
  const [posts] = await db.query('SELECT count(*)::int AS n FROM posts');
  assert.equal(posts.n, 5);
});
