import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { Agent } from 'undici';
import { ApiKeyRepository } from '@labpulse/persistence';
import { JobProducer, QUEUE_NAMES } from '@labpulse/queue';
import { createTestApiKey, openTestDatabase, resetData, seedScoredPosts, testConfig } from '@labpulse/testing';
import { listeningApi } from '../../apps/api/test/support/listening-api';
import { seededRandom } from './fuzz-values';
import {
  type FuzzCase,
  type FuzzKeys,
  type OpenApiDocument,
  type OperationFixture,
  RequestGenerator,
  listOperations,
  missingFixture,
} from './request-generator';

/**
 * Bad input at scale (issue 7, part 5): every operation in /openapi.json gets malformed requests
 * (wrong types, missing and unknown fields, odd numbers and strings, injections, bad JSON, wrong
 * content types, bad keys). No answer may be a 5xx, every 4xx is a problem+json naming what was
 * wrong, and no rejected request may change stored data.
 *
 *   npm test -- test/fuzz                   seed 7 (the default)
 *   FUZZ_SEED=123 npm test -- test/fuzz     another sample of the random strings
 *   FUZZ_REPORT=/tmp/fuzz.txt ...           also writes every failing request to that file
 *
 * Phase 1 sends every request that must be refused, and every GET; then the database and the
 * queues must be exactly as before. Phase 2 sends writes that may legitimately succeed (a name
 * full of emoji), which may change data, so only "no 5xx, errors as problems" is checked there.
 *
 * Excluded from the "unchanged" check, on purpose:
 *   api_keys.last_used_at   the guard records each key's use, rejected request or not
 *   ingest_rejections       docs/getting-started.md: a pushed post that fails validation is reported *and recorded*,
 *                           also when the whole batch is a 400; rows may be added, never changed
 *   Redis rate-limit keys   counting every request, refused or not, is what a rate limit does
 */

const SEED = Number(process.env.FUZZ_SEED ?? 7);
const CONCURRENCY = 6;
const EXCLUDED_COLUMNS: Record<string, string[]> = { api_keys: ['last_used_at'] };
const APPEND_ONLY_TABLES = new Set(['ingest_rejections']);

let app: INestApplication;
let db: DataSource;
let origin: string;
let agent: Agent;
let keys: FuzzKeys;
let fixtures: Record<string, OperationFixture>;

before(async () => {
  // Unknown keys from one address are limited per minute; this test counts on every bad key being a 401.
  const config = testConfig({
    X_BEARER_TOKEN: 'x-token-for-fuzz-0001',
    API_CACHE_SECONDS: '0',
    AUTH_FAILURES_PER_MINUTE: '1000000',
  });
  db = await openTestDatabase(config);
  await resetData(db);
  ({ app, base: origin } = await listeningApi(config));
  agent = new Agent({ keepAliveTimeout: 30_000, connections: CONCURRENCY });
  const limits = { rateLimitPerMinute: 10_000_000 };
  const admin = await createTestApiKey(db, 'admin', limits);
  const read = await createTestApiKey(db, 'read', limits);
  const revoked = await createTestApiKey(db, 'admin', { ...limits, name: 'revoked' });
  await new ApiKeyRepository(db).revoke(revoked.id);
  keys = { admin: admin.key, read: read.key, revoked: revoked.key };
  fixtures = await seed();
});

after(async () => {
  await agent?.close();
  await app?.close();
  await db?.destroy();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

async function send(c: Pick<FuzzCase, 'method' | 'path' | 'headers' | 'body'>): Promise<Answer> {
  const res = await agent.request({ origin, path: c.path, method: c.method, headers: c.headers, body: c.body });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await send({
    method,
    path,
    headers: {
      authorization: `Bearer ${keys.admin}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.text ? (JSON.parse(res.text) as Record<string, unknown>) : {} };
}

/** Real targets for every id-taking route, made through the API itself where it can make them. */
async function seed(): Promise<Record<string, OperationFixture>> {
  const created = async (method: string, path: string, body?: unknown): Promise<Record<string, unknown>> => {
    const res = await call(method, path, body);
    assert.ok(
      res.status >= 200 && res.status < 300,
      `seeding ${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`,
    );
    return res.body;
  };
  const source = await created('POST', '/v1/sources', {
    kind: 'x_search',
    name: 'OpenAI on X',
    target: 'OpenAI lang:en',
    options: { pageSize: 50 },
    pollIntervalSeconds: 120,
  });
  const post = {
    platform: 'x',
    id: '1850000000000000001',
    author: 'someone',
    text: 'Claude is great at code, OpenAI too',
    created_at: '2026-11-20T10:00:00Z',
    engagement: { likes: 3, comments: 0, shares: 1 },
  };
  await created('POST', '/v1/ingest', { posts: [post] });
  await seedScoredPosts(db, [
    {
      platform: 'x',
      id: '1850000000000000100',
      at: '2026-11-21T09:00:00Z',
      text: 'OpenAI shipped',
      sentiment: { label: 'positive', score: 0.7 },
      mentions: [{ lab: 'openai', stance: 'favor', score: 0.6 }],
    },
    {
      platform: 'linkedin',
      id: 'urn:li:activity:7300000000000000001',
      at: '2026-11-22T12:00:00Z',
      text: 'Anthropic and OpenAI',
      sentiment: { label: 'negative', score: -0.5 },
      mentions: [
        { lab: 'openai', stance: 'against', score: -0.4 },
        { lab: 'anthropic', stance: null, score: null },
      ],
    },
  ]);
  const rule = await created('POST', '/v1/alert-rules', {
    name: 'Anthropic on X',
    labId: 'anthropic',
    platform: 'x',
    metric: 'negative_share',
  });
  const webhook = await created('POST', '/v1/webhooks', {
    url: 'https://hooks.example.com/labpulse',
    eventTypes: ['alert.firing'],
    description: 'fuzz target',
  });
  const delivery = await created('POST', `/v1/webhooks/${String(webhook.id)}/test`);
  const [alert] = (await db.query(
    `INSERT INTO alerts (id, rule_id, rule_version, rule_snapshot, lab_slug, platform, metric, direction, dedupe_key, status, opened_at)
     VALUES (gen_random_uuid(), $1, 1, '{}', 'anthropic', 'x', 'negative_share', 'up', 'fuzz-dedupe', 'firing', now()) RETURNING id`,
    [rule.id],
  )) as Array<{ id: string }>;

  const sourceId = String(source.id);
  const ruleId = String(rule.id);
  const webhookId = String(webhook.id);
  const deliveryId = String(delivery.id);
  const period = { from: '2026-11-20T00:00:00Z', to: '2026-11-27T00:00:00Z' };
  const ruleBody = {
    name: 'Fuzzed rule',
    labId: 'anthropic',
    platform: 'x',
    metric: 'negative_share',
    window: '1h',
    enterThreshold: 3,
    minVolume: 40,
    minCoverage: 0.5,
    sendResolved: true,
  };
  const labBody = { name: 'OpenAI', aliases: ['OpenAI'], products: ['ChatGPT'], enabled: true };
  // Keyed by "METHOD /path" as in /openapi.json; an operation with targets or a body and no entry fails the test.
  return {
    'GET /v1/labs/{slug}': { path: { slug: 'openai' } },
    'POST /v1/labs': { body: { slug: 'fuzz-lab', ...labBody, name: 'Fuzz Lab' }, required: ['slug', 'name'] },
    'PATCH /v1/labs/{slug}': { path: { slug: 'openai' }, body: labBody },
    'DELETE /v1/labs/{slug}': { path: { slug: 'openai' } },
    'POST /v1/sources': {
      body: {
        kind: 'x_search',
        name: 'Fuzz source',
        target: 'Anthropic lang:en',
        options: { pageSize: 100, archive: false },
        pollIntervalSeconds: 300,
        enabled: true,
      },
    },
    'GET /v1/sources/{id}': { path: { id: sourceId } },
    'PATCH /v1/sources/{id}': {
      path: { id: sourceId },
      body: {
        name: 'Renamed',
        target: 'OpenAI lang:fr',
        options: { pageSize: 20 },
        pollIntervalSeconds: 600,
        enabled: false,
      },
    },
    'DELETE /v1/sources/{id}': { path: { id: sourceId } },
    'POST /v1/sources/{id}/poll': { path: { id: sourceId } },
    'POST /v1/sources/{id}/resume': { path: { id: sourceId } },
    'POST /v1/ingest': {
      body: {
        posts: [
          {
            ...post,
            id: '1850000000000000002',
            author_id: '42',
            language: 'en',
            url: 'https://x.com/someone/status/1850000000000000002',
            engagement: { likes: 1, comments: 2, shares: 3, quotes: 0, impressions: 10 },
          },
        ],
      },
      required: ['posts.0.platform', 'posts.0.id', 'posts.0.text', 'posts.0.created_at'],
    },
    'GET /v1/trends': { query: { labs: 'openai,anthropic', interval: 'day', ...period } },
    'GET /v1/compare': { query: { labs: 'openai,anthropic', ...period } },
    'GET /v1/labs/{slug}/posts': { path: { slug: 'openai' }, query: { sort: 'engagement', limit: '10' } },
    'POST /v1/alert-rules': { body: ruleBody, required: ['name', 'metric'] },
    'GET /v1/alert-rules/{id}': { path: { id: ruleId } },
    'PUT /v1/alert-rules/{id}': { path: { id: ruleId }, body: ruleBody, required: ['name', 'metric'] },
    'PATCH /v1/alert-rules/{id}': { path: { id: ruleId }, body: { enterThreshold: 3.5, minVolume: 40, enabled: true } },
    'DELETE /v1/alert-rules/{id}': { path: { id: ruleId } },
    'GET /v1/alerts/{id}': { path: { id: alert.id } },
    'GET /v1/alerts': { query: { status: 'firing', lab: 'anthropic', limit: '5' } },
    'POST /v1/webhooks': {
      body: {
        url: 'https://hooks.example.com/other',
        eventTypes: ['alert.firing', 'alert.resolved'],
        description: 'another',
      },
    },
    'GET /v1/webhooks/{id}': { path: { id: webhookId } },
    'PATCH /v1/webhooks/{id}': {
      path: { id: webhookId },
      body: {
        url: 'https://hooks.example.com/moved',
        eventTypes: ['alert.resolved'],
        description: 'moved',
        enabled: true,
      },
    },
    'DELETE /v1/webhooks/{id}': { path: { id: webhookId } },
    'POST /v1/webhooks/{id}/rotate-secret': { path: { id: webhookId } },
    'POST /v1/webhooks/{id}/test': { path: { id: webhookId } },
    'GET /v1/webhooks/{id}/deliveries': { path: { id: webhookId } },
    'GET /v1/webhooks/{id}/deliveries/{deliveryId}': { path: { id: webhookId, deliveryId } },
    'POST /v1/webhooks/{id}/deliveries/{deliveryId}/replay': { path: { id: webhookId, deliveryId } },
    'GET /dashboard/{file}': { path: { file: 'api.js' } },
  };
}

type Snapshot = Map<string, string[]>;

/** Every table's rows as JSON text, sorted, minus the columns that move on any request. */
async function snapshotDatabase(): Promise<Snapshot> {
  const tables = (await db.query(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1`,
  )) as Array<{ name: string }>;
  const snapshot: Snapshot = new Map();
  for (const { name } of tables) {
    const minus = (EXCLUDED_COLUMNS[name] ?? []).map((column) => ` - '${column}'`).join('');
    const rows = (await db.query(`SELECT (to_jsonb(t)${minus})::text AS row FROM "${name}" t ORDER BY 1`)) as Array<{
      row: string;
    }>;
    snapshot.set(
      name,
      rows.map((r) => r.row),
    );
  }
  return snapshot;
}

async function snapshotQueues(): Promise<Record<string, number>> {
  const producer = app.get(JobProducer);
  const counts: Record<string, number> = {};
  for (const name of QUEUE_NAMES) {
    const byState = await producer.queue(name).getJobCounts();
    counts[name] = Object.values(byState).reduce((a, b) => a + b, 0);
  }
  return counts;
}

function compareSnapshots(before: Snapshot, after: Snapshot): string[] {
  const problems: string[] = [];
  for (const [table, rows] of before) {
    const now = after.get(table) ?? [];
    const remaining = new Map<string, number>();
    for (const row of now) remaining.set(row, (remaining.get(row) ?? 0) + 1);
    const removed = rows.filter((row) => {
      const n = remaining.get(row) ?? 0;
      if (n === 0) return true;
      remaining.set(row, n - 1);
      return false;
    });
    const added = [...remaining.entries()].flatMap(([row, n]) => Array<string>(n).fill(row));
    if (removed.length > 0 || (added.length > 0 && !APPEND_ONLY_TABLES.has(table))) {
      problems.push(
        `${table}: ${removed.length} row(s) changed or removed, ${added.length} added\n    before: ${removed.slice(0, 2).map(short).join('\n            ')}\n    after:  ${added.slice(0, 2).map(short).join('\n            ')}`,
      );
    }
  }
  for (const table of after.keys()) if (!before.has(table)) problems.push(`${table}: a new table`);
  return problems;
}

function short(text: string, max = 400): string {
  return text.length > max ? `${text.slice(0, max)}... (${text.length} chars)` : text;
}

/** What must hold for one answer; null when it does. */
function judge(c: FuzzCase, res: Answer): string | null {
  if (res.status >= 500) return `a ${res.status}`;
  if (c.expect === 'unauthorized' && res.status !== 401) return `expected 401, got ${res.status}`;
  if (c.expect === 'unauthorized' && !String(res.headers['www-authenticate'] ?? '').startsWith('Bearer'))
    return 'a 401 without WWW-Authenticate: Bearer';
  if (c.expect === 'forbidden' && res.status !== 403) return `expected 403, got ${res.status}`;
  if (c.expect === 'reject' && (res.status < 400 || res.status >= 500))
    return `expected a 4xx (the request is invalid), got ${res.status}`;
  if (res.status >= 400) return judgeProblem(res);
  return null;
}

function judgeProblem(res: Answer): string | null {
  const type = String(res.headers['content-type'] ?? '');
  if (!type.startsWith('application/problem+json'))
    return `a ${res.status} as ${type || 'no content type'}, not application/problem+json`;
  let body: { type?: unknown; title?: unknown; status?: unknown; detail?: unknown; errors?: unknown };
  try {
    body = JSON.parse(res.text) as typeof body;
  } catch {
    return `a ${res.status} whose body is not JSON`;
  }
  if (typeof body.type !== 'string' || typeof body.title !== 'string') return 'a problem without type or title';
  if (body.status !== res.status)
    return `a problem whose status ${String(body.status)} is not the answer's ${res.status}`;
  if (typeof body.detail !== 'string' || body.detail.trim() === '') return 'a problem without a detail';
  if (res.status === 400) {
    const errors = body.errors;
    if (!Array.isArray(errors) || errors.length === 0) return 'a 400 without errors[] naming the parameter';
    for (const e of errors as Array<{ parameter?: unknown; message?: unknown }>) {
      if (typeof e.parameter !== 'string' || e.parameter === '' || typeof e.message !== 'string' || e.message === '')
        return `a 400 with a malformed error entry ${JSON.stringify(e)}`;
    }
  }
  return null;
}

interface Failure {
  index: number;
  c: FuzzCase;
  problem: string;
  res?: Answer;
}

async function runCases(
  cases: Array<{ index: number; c: FuzzCase }>,
): Promise<{ failures: Failure[]; statuses: Map<number, number> }> {
  const failures: Failure[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const { index, c } = cases[next++];
      let res: Answer;
      try {
        res = await send(c);
      } catch (error) {
        failures.push({ index, c, problem: `the request failed: ${(error as Error).message}` });
        continue;
      }
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      const problem = judge(c, res);
      if (problem) failures.push({ index, c, problem, res });
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  failures.sort((a, b) => a.index - b.index);
  return { failures, statuses };
}

/** A failure as a request anyone can replay: method, path with query, headers (keys named), body. */
function describeFailure({ index, c, problem, res }: Failure): string {
  const redact = (text: string): string =>
    text
      .replaceAll(keys.admin, '<admin key>')
      .replaceAll(keys.read, '<read key>')
      .replaceAll(keys.revoked, '<revoked key>');
  const body = c.body === undefined ? '(none)' : `(${c.body.length} chars) ${JSON.stringify(short(c.body, 600))}`;
  return [
    `#${index} [FUZZ_SEED=${SEED}] ${c.op} — ${c.label} (expect ${c.expect}): ${problem}`,
    `  ${c.method} ${short(redact(c.path), 600)}`,
    `  headers: ${redact(JSON.stringify(c.headers))}`,
    `  body: ${body}`,
    res ? `  answer: ${res.status} ${String(res.headers['content-type'] ?? '')} ${short(res.text, 300)}` : '',
  ].join('\n');
}

function report(title: string, failures: Failure[]): string {
  const byKind = new Map<string, number>();
  for (const f of failures) byKind.set(`${f.c.op}: ${f.problem}`, (byKind.get(`${f.c.op}: ${f.problem}`) ?? 0) + 1);
  const summary = [...byKind.entries()].map(([k, n]) => `  ${n} x ${k}`).join('\n');
  return `${title}: ${failures.length} failure(s)\n${summary}\n\nfirst ones:\n${failures.slice(0, 15).map(describeFailure).join('\n\n')}`;
}

test('every operation in /openapi.json refuses malformed requests without a 5xx, with problems, and without changing data', async () => {
  const docRes = await send({ method: 'GET', path: '/openapi.json', headers: {} });
  assert.equal(docRes.status, 200);
  const operations = listOperations(JSON.parse(docRes.text) as OpenApiDocument);
  assert.ok(operations.length >= 30, `only ${operations.length} operations in /openapi.json`);

  // Coverage: a route added later is fuzzed from its schema, but one that needs real targets or a
  // body fails here until it gets a fixture in seed().
  const uncovered = operations
    .map((op) => [op.key, missingFixture(op, fixtures[op.key])])
    .filter(([, why]) => why !== null);
  assert.deepEqual(uncovered, [], 'operations without generator coverage: add a fixture to seed()');
  const stale = Object.keys(fixtures).filter((key) => !operations.some((op) => op.key === key));
  assert.deepEqual(stale, [], 'fixtures for operations that are no longer in /openapi.json');

  // The fixtures are real: each valid GET succeeds, so the malformed variants reach validation.
  const generator = new RequestGenerator(seededRandom(SEED), keys);
  for (const op of operations.filter((o) => o.method === 'GET')) {
    const c = generator.valid(op, fixtures[op.key] ?? {});
    const res = await send(c);
    assert.ok(
      res.status >= 200 && res.status < 300,
      `the valid ${op.key} request got ${res.status}: ${short(res.text)}`,
    );
  }

  const all = operations
    .flatMap((op) => generator.generate(op, fixtures[op.key] ?? {}))
    .map((c, index) => ({ index, c }));
  const phase1 = all.filter(({ c }) => c.expect !== 'maybe' || c.method === 'GET');
  const phase2 = all.filter(({ c }) => c.expect === 'maybe' && c.method !== 'GET');

  const dbBefore = await snapshotDatabase();
  const queuesBefore = await snapshotQueues();
  const started = Date.now();
  const first = await runCases(phase1);
  const dbAfter = await snapshotDatabase();
  const queuesAfter = await snapshotQueues();
  const second = await runCases(phase2);
  // The snapshot is sensitive: the writes that may succeed did change something.
  const changedByPhase2 = compareSnapshots(dbAfter, await snapshotDatabase());
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  const statuses = [...first.statuses.entries(), ...second.statuses.entries()].reduce<Record<number, number>>(
    (acc, [s, n]) => ({ ...acc, [s]: (acc[s] ?? 0) + n }),
    {},
  );
  process.stdout.write(
    `fuzz (FUZZ_SEED=${SEED}): ${operations.length} operations, ${all.length} requests (${phase1.length} must-not-change-data, ${phase2.length} may-succeed writes) in ${seconds} s; statuses ${JSON.stringify(statuses)}\n`,
  );

  if (process.env.FUZZ_REPORT) {
    writeFileSync(
      process.env.FUZZ_REPORT,
      [...first.failures, ...second.failures].map((f) => `${describeFailure(f)}\n`).join('\n'),
    );
  }
  const polluted = Object.prototype as Record<string, unknown>;
  const problems = [
    polluted.polluted === undefined ? '' : 'a request polluted Object.prototype',
    first.failures.length === 0 ? '' : report('phase 1 (refused requests and reads)', first.failures),
    compareSnapshots(dbBefore, dbAfter)
      .map((p) => `rejected requests changed stored data: ${p}`)
      .join('\n'),
    JSON.stringify(queuesAfter) === JSON.stringify(queuesBefore)
      ? ''
      : `rejected requests enqueued jobs: ${JSON.stringify(queuesBefore)} -> ${JSON.stringify(queuesAfter)}`,
    second.failures.length === 0 ? '' : report('phase 2 (writes that may succeed)', second.failures),
    changedByPhase2.length > 0 ? '' : 'phase 2 changed no data at all: the snapshot or the fixtures are broken',
  ].filter(Boolean);
  assert.equal(problems.length, 0, problems.join('\n\n'));
  // Whatever phase 2 stored, the API still answers.
  assert.equal((await call('GET', '/v1/labs')).status, 200);
});
