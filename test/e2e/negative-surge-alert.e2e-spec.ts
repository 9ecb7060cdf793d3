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
import { JobProducer } from '@labpulse/queue';
import {
  createTestApiKey,
  openTestDatabase,
  resetData,
  type TestApiKey,
  testConfig,
  verifyWithStandardWebhooks,
  waitFor,
  WebhookReceiver,
} from '@labpulse/testing';
import { createApiApp } from '../../apps/api/src/bootstrap-api';
import { bootstrapWorker, type RunningWorker } from '../../apps/worker/src/bootstrap-worker';

/**
 * Issue 6's end-to-end case: a JSONL file with two days of ordinary posts about three labs and a
 * planted two-hour surge of negative posts about one of them goes through the CLI, the import,
 * score and aggregate queues; a negative-share rule created over REST is evaluated by the worker
 * (at pinned instants, so every bucket is closed and the run is deterministic); the receiver gets
 * exactly one signed alert.firing, for that lab only, and an alert.resolved once the surge is over.
 */
const run = promisify(execFile);
const HOUR = 3_600_000;
const DAY = Date.parse('2026-10-08T00:00:00Z');
const SURGE_FROM = DAY + 10 * HOUR;
const SURGE_TO = DAY + 12 * HOUR;
const LABS = {
  anthropic: { name: 'Anthropic', product: 'Claude' },
  openai: { name: 'OpenAI', product: 'ChatGPT' },
  deepseek: { name: 'DeepSeek', product: 'DeepSeek' },
};

let config: AppConfig;
let db: DataSource;
let pipeline: RunningWorker;
let alerting: RunningWorker | undefined;
let api: INestApplication;
let base: string;
let admin: TestApiKey;
let receiver: WebhookReceiver;
let file: string;
let lineCount: number;
let ruleId: string;
let defaults: string[] = [];

/** Per lab and hour: 12 positive, 8 neutral, 4 negative posts; the surge adds 30 negative ones about Anthropic. */
function posts(): string[] {
  const lines: string[] = [];
  let id = 0;
  const post = (text: string, at: number) =>
    lines.push(
      JSON.stringify({
        platform: 'x',
        id: String(++id),
        author: `user${id % 97}`,
        text,
        created_at: new Date(at).toISOString(),
      }),
    );
  for (let hour = DAY - 2 * 24 * HOUR; hour < DAY + 18 * HOUR; hour += HOUR) {
    for (const { name, product } of Object.values(LABS)) {
      for (let i = 0; i < 24; i++) {
        const at = hour + i * 150_000;
        if (i % 6 === 0) post(`${name} is terrible, awful and broken today. Hate it.`, at);
        // A plain statement (the model reads "released a new model" in AI-lab posts as slightly negative).
        else if (i % 3 === 0) post(`${name} will present at the conference on Tuesday.`, at + 1_000);
        else post(`I love ${name}, ${product} is amazing and wonderful!`, at + 2_000);
      }
    }
    if (hour >= SURGE_FROM && hour < SURGE_TO) {
      for (let i = 0; i < 30; i++)
        post('Claude is down again, Anthropic is the worst, total garbage', hour + i * 100_000 + 3_000);
    }
  }
  return lines;
}

before(async () => {
  config = testConfig({
    SCHEDULER_INTERVAL_MS: '200',
    WORKER_QUEUES: 'schedule,import,score,aggregate',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_REQUIRE_HTTPS: 'false',
    IMPORT_BATCH_SIZE: '2000',
  });
  db = await openTestDatabase(config);
  await resetData(db);
  pipeline = await bootstrapWorker(config);
  api = await createApiApp(config);
  await api.listen(0, '127.0.0.1');
  base = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  admin = await createTestApiKey(db, 'admin');
  receiver = await WebhookReceiver.start();
  file = join(mkdtempSync(join(tmpdir(), 'labpulse-alert-e2e-')), 'surge.jsonl');
  const lines = posts();
  lineCount = lines.length;
  writeFileSync(file, `${lines.join('\n')}\n`);
});
after(async () => {
  for (const id of defaults) await call('PATCH', `/v1/alert-rules/${id}`, { enabled: true }).catch(() => undefined);
  if (ruleId) await call('DELETE', `/v1/alert-rules/${ruleId}`).catch(() => undefined);
  await alerting?.close();
  await api?.close();
  await pipeline?.close();
  await receiver?.close();
  await db?.destroy();
});

async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...admin.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
}

function cli(...args: string[]) {
  return run(process.execPath, ['--require', '@swc-node/register', 'apps/cli/src/main.ts', ...args], {
    env: {
      ...process.env,
      DATABASE_URL: config.database.url,
      REDIS_URL: config.redis.url,
      QUEUE_PREFIX: config.queue.prefix,
    },
    maxBuffer: 16 * 1024 * 1024,
  });
}

interface Payload {
  type: string;
  data: {
    alertId: string;
    lab: string;
    status: string;
    observed: number;
    expected: number;
    score: number;
    sampleSize: number;
    sequence: number;
    topPosts: Array<{ platform: string; externalId: string; url: string | null }>;
  };
}
const payloads = (): Payload[] => receiver.requests.map((r) => JSON.parse(r.body) as Payload);

/** Waits until no evaluation is queued or running and every delivery has settled. */
async function quiet(worker: RunningWorker): Promise<void> {
  const evaluate = worker.app.get(JobProducer).queue('evaluate');
  await waitFor(
    async () => {
      const counts = await evaluate.getJobCounts('waiting', 'active', 'prioritized');
      const [row] = await db.query(`SELECT count(*)::int AS n FROM webhook_deliveries WHERE status = 'pending'`);
      return counts.waiting + counts.active + counts.prioritized === 0 && row.n === 0;
    },
    { description: 'evaluations and deliveries to settle', timeoutMs: 60_000 },
  );
}

test('a planted surge of negative posts about one lab sends one alert.firing for it, none for the others, then alert.resolved', async () => {
  // The analyst's setup: one rule (negative share, every lab, platforms pooled) and one endpoint.
  const rules = await call<{ data: Array<{ id: string; enabled: boolean }> }>('GET', '/v1/alert-rules');
  defaults = rules.body.data.filter((r) => r.enabled).map((r) => r.id);
  for (const id of defaults)
    assert.equal((await call('PATCH', `/v1/alert-rules/${id}`, { enabled: false })).status, 200);
  const rule = await call<{ id: string }>('POST', '/v1/alert-rules', {
    name: 'Negative share rising (e2e)',
    labId: null,
    platform: 'all',
    metric: 'negative_share',
    bucket: '1h',
    window: '1h',
    baseline: '1d',
    minVolume: 20,
    resolveAfter: '2h',
  });
  assert.equal(rule.status, 201, JSON.stringify(rule.body));
  ruleId = rule.body.id;
  const endpoint = await call<{ id: string; secret: string }>('POST', '/v1/webhooks', {
    url: receiver.url,
    eventTypes: ['alert.firing', 'alert.resolved'],
  });
  assert.equal(endpoint.status, 201);

  const { stdout } = await cli('import', file);
  assert.match(
    stdout,
    new RegExp(`read ${lineCount} post line\\(s\\): ${lineCount} new, 0 already stored, 0 rejected`),
  );
  await waitFor(
    async () => {
      const [row] = await db.query(
        `SELECT (SELECT count(*) FROM pending_scores)::int + (SELECT count(*) FROM dirty_buckets)::int AS n`,
      );
      return row.n === 0;
    },
    { description: 'scoring and aggregation', timeoutMs: 120_000 },
  );

  // The alerting worker's clock stands just after the surge's second hour closed.
  alerting = await bootstrapWorker({
    ...config,
    worker: { ...config.worker, roles: ['evaluate', 'deliver'] },
    alerts: { ...config.alerts, evaluationNow: SURGE_TO + 15 * 60_000 },
  });
  await receiver.waitForRequests(1, 60_000);
  await quiet(alerting);
  const firing = payloads().filter((p) => p.type === 'alert.firing');
  assert.deepEqual(
    firing.map((p) => p.data.lab),
    ['anthropic'],
    'exactly one alert.firing, for the lab with the surge',
  );
  assert.equal(payloads().filter((p) => p.type === 'alert.resolved').length, 0, 'still surging: not resolved');
  const f = firing[0].data;
  assert.equal(f.status, 'firing');
  assert.equal(f.sampleSize, 54);
  assert.ok(f.observed > 0.5 && f.expected < 0.25 && f.score >= 3, JSON.stringify(f));
  assert.equal(f.topPosts.length, 5);
  const signed = receiver.requests[0];
  assert.doesNotThrow(() =>
    verifyWithStandardWebhooks(endpoint.body.secret, signed, signed.raw, Number(signed.headers['webhook-timestamp'])),
  );

  // Three hours later the share is back to normal: one evaluation pinned to that instant resolves it.
  await alerting.app.get(JobProducer).enqueue({
    queue: 'evaluate',
    name: 'evaluate',
    data: { now: new Date(SURGE_TO + 3 * HOUR + 15 * 60_000).toISOString() },
  });
  await receiver.waitForRequests(2, 60_000);
  await quiet(alerting);
  const all = payloads();
  assert.deepEqual(
    all.map((p) => [p.type, p.data.lab, p.data.sequence]),
    [
      ['alert.firing', 'anthropic', 1],
      ['alert.resolved', 'anthropic', 2],
    ],
  );
  assert.equal(all[1].data.alertId, f.alertId);

  const alerts = await call<{ data: Array<{ id: string; lab: string; status: string }> }>(
    'GET',
    `/v1/alerts?rule=${ruleId}`,
  );
  assert.deepEqual(
    alerts.body.data.map((a) => [a.id, a.lab, a.status]),
    [[f.alertId, 'anthropic', 'resolved']],
  );
  const quietLab = await call<{ data: Array<{ decision: string }> }>(
    'GET',
    `/v1/alert-evaluations?rule=${ruleId}&lab=openai&limit=200`,
  );
  assert.ok(quietLab.body.data.length > 0);
  assert.ok(
    quietLab.body.data.every((e) => e.decision === 'ok'),
    'the other labs were evaluated and found ordinary',
  );
});
