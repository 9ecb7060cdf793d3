import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Body, Controller, Get, type INestApplication, Module, Post } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@labpulse/config';
import { contextLogger } from '@labpulse/observability';
import { QUEUE_NAMES } from '@labpulse/queue';
import { type TestApiKey, createTestApiKey, openTestDatabase, testConfig } from '@labpulse/testing';
import { Public } from '../src/auth';
import { ApiModule } from '../src/api.module';
import { listeningApi } from './support/listening-api';

/** What a handler's Nest Logger lines would be bound to. */
@Public()
@Controller('probe')
class LogContextProbe {
  @Get('log-context')
  get(): { bindings: Record<string, unknown> | null } {
    return { bindings: contextLogger()?.bindings() ?? null };
  }

  @Post('log-context')
  async post(@Body() _body: unknown): Promise<{ bindings: Record<string, unknown> | null }> {
    await new Promise((resolve) => setImmediate(resolve));
    return { bindings: contextLogger()?.bindings() ?? null };
  }
}

function probeModule(config: AppConfig) {
  @Module({ imports: [ApiModule.forRoot(config)], controllers: [LogContextProbe] })
  class ProbeModule {}
  return { module: ProbeModule };
}

/** /metrics, request ids and the queue dashboard on the real api (Postgres, Redis). */
let app: INestApplication;
let db: DataSource;
let base: string;
let read: TestApiKey;
let admin: TestApiKey;

before(async () => {
  const config = testConfig();
  db = await openTestDatabase(config);
  ({ app, base } = await listeningApi(config, probeModule(config)));
  read = await createTestApiKey(db, 'read');
  admin = await createTestApiKey(db, 'admin');
});
after(async () => {
  await app?.close();
  await db?.destroy();
});

async function metricsText(): Promise<string> {
  const res = await fetch(`${base}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
  return res.text();
}

/** The value of one sample line, or 0 when the series is absent. */
function sample(text: string, name: string, labels: Record<string, string>): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inner = line.slice(name.length + 1, line.indexOf('}'));
    const have = inner.split(',');
    if (wanted.every((pair) => have.includes(pair))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

test('/metrics is open and answers Prometheus text with process metrics and queue depths', async () => {
  const text = await metricsText();
  assert.match(text, /^# HELP process_cpu_user_seconds_total /m);
  assert.match(text, /^# TYPE labpulse_http_request_duration_seconds histogram$/m);
  for (const queue of QUEUE_NAMES)
    assert.match(text, new RegExp(`^labpulse_queue_jobs\\{queue="${queue}",state="waiting"\\} \\d+$`, 'm'));
});

test('requests land in the latency histogram under their route pattern, never the raw URL', async () => {
  const count = (labels: Record<string, string>) =>
    metricsText().then((t) => sample(t, 'labpulse_http_request_duration_seconds_count', labels));
  const route = { method: 'GET', route: '/v1/labs/:slug/posts' };
  const before = { ok: await count({ ...route, status: '200' }), denied: await count({ ...route, status: '401' }) };
  assert.equal((await fetch(`${base}/v1/labs/openai/posts`, { headers: read.headers })).status, 200);
  assert.equal((await fetch(`${base}/v1/labs/anthropic/posts?limit=5`, { headers: read.headers })).status, 200);
  assert.equal((await fetch(`${base}/v1/labs/openai/posts`)).status, 401);
  await fetch(`${base}/no/such/route/${Date.now()}`);
  const text = await metricsText();
  assert.equal(
    sample(text, 'labpulse_http_request_duration_seconds_count', { ...route, status: '200' }),
    before.ok + 2,
  );
  assert.equal(
    sample(text, 'labpulse_http_request_duration_seconds_count', { ...route, status: '401' }),
    before.denied + 1,
  );
  assert.ok(
    sample(text, 'labpulse_http_request_duration_seconds_bucket', { ...route, status: '200', le: '+Inf' }) >= 2,
  );
  assert.ok(
    sample(text, 'labpulse_http_request_duration_seconds_count', {
      method: 'GET',
      route: 'unmatched',
      status: '404',
    }) >= 1,
  );
  assert.doesNotMatch(text, /route="\/v1\/labs\/openai/);
  assert.doesNotMatch(text, /no\/such\/route/);
});

test('a sane X-Request-Id is echoed; a missing or odd one is replaced by a generated id', async () => {
  const given = await fetch(`${base}/health`, { headers: { 'x-request-id': 'trace-1234.abc' } });
  assert.equal(given.headers.get('x-request-id'), 'trace-1234.abc');
  const generated = await fetch(`${base}/health`);
  assert.match(generated.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  const odd = await fetch(`${base}/health`, { headers: { 'x-request-id': `${'x'.repeat(200)}` } });
  assert.match(odd.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  const injected = await fetch(`${base}/health`, { headers: { 'x-request-id': 'a"b<script>' } });
  assert.match(injected.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
});

test('handlers run with a logger bound to the request id, after a JSON body is read too (and its key looked up first)', async () => {
  const get = await fetch(`${base}/probe/log-context`, { headers: { 'x-request-id': 'ctx-get' } });
  assert.deepEqual(((await get.json()) as { bindings: unknown }).bindings, { reqId: 'ctx-get' });
  const post = await fetch(`${base}/probe/log-context`, {
    method: 'POST',
    // A body is parsed only for a known key (even on an open route), so the lookup runs before it too.
    headers: { ...read.headers, 'x-request-id': 'ctx-post', 'content-type': 'application/json' },
    body: JSON.stringify({ some: 'x'.repeat(200_000) }),
  });
  assert.deepEqual(((await post.json()) as { bindings: unknown }).bindings, { reqId: 'ctx-post' });
});

const basic = (password: string, user = 'admin') => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});

test('the queue dashboard asks for a key (401 with a Basic challenge) and refuses read keys (403)', async () => {
  const none = await fetch(`${base}/admin/queues`);
  assert.equal(none.status, 401);
  assert.match(none.headers.get('www-authenticate') ?? '', /^Basic realm="labpulse"/);
  assert.equal(
    (await fetch(`${base}/admin/queues`, { headers: { authorization: 'Bearer lp_not-a-real-key' } })).status,
    401,
  );
  assert.equal((await fetch(`${base}/admin/queues`, { headers: basic('wrong') })).status, 401);
  assert.equal((await fetch(`${base}/admin/queues`, { headers: read.headers })).status, 403);
  assert.equal((await fetch(`${base}/admin/queues`, { headers: basic(read.key) })).status, 403);
  assert.equal((await fetch(`${base}/admin/queues/api/queues`, { headers: read.headers })).status, 403);
});

test('an admin key opens the queue dashboard (Bearer or Basic) and it lists every queue', async () => {
  for (const headers of [admin.headers, basic(admin.key), basic('', admin.key)]) {
    const page = await fetch(`${base}/admin/queues`, { headers });
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    await page.text();
  }
  const res = await fetch(`${base}/admin/queues/api/queues`, { headers: admin.headers });
  assert.equal(res.status, 200);
  const body = (await res.json()) as { queues: Array<{ name: string }> };
  assert.deepEqual(body.queues.map((q) => q.name).sort(), [...QUEUE_NAMES].sort());
});
