import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@labpulse/config';
import {
  createTestApiKey,
  FakeFacebookServer,
  FakeLinkedInServer,
  FakeXServer,
  openTestDatabase,
  resetData,
  type TestApiKey,
  testConfig,
  waitFor,
  WebhookReceiver,
} from '@labpulse/testing';
import { createApiApp } from '../../apps/api/src/bootstrap-api';
import { bootstrapWorker, type RunningWorker } from '../../apps/worker/src/bootstrap-worker';

/**
 * Issue 19: a platform quota pauses collection visibly and an operator can end it; a pause on one
 * platform does not silence alerts fed by the others; webhook payloads carry links that answer and
 * name the posts by platform id and URL. Real worker and API on Postgres and Redis, the fake
 * platforms of libs/testing.
 */
const HOUR = 3_600_000;

let config: AppConfig;
let db: DataSource;
let x: FakeXServer;
let li: FakeLinkedInServer;
let fb: FakeFacebookServer;
let pipeline: RunningWorker;
let alerting: RunningWorker | undefined;
let api: INestApplication;
let base: string;
let admin: TestApiKey;
let receiver: WebhookReceiver;
let disabledDefaults: string[] = [];

interface SourceBody {
  id: string;
  health: {
    status: string;
    pausedUntil: string | null;
    pauseReason: string | null;
    lastPollAt: string | null;
    postsCollected: number;
    nextPollAt: string | null;
  };
}
interface Payload {
  type: string;
  data: Record<string, unknown> & { sourceId?: string; links: Record<string, string | null> };
}

before(async () => {
  x = await FakeXServer.start({ endTimeLagMs: 0 });
  li = await FakeLinkedInServer.start();
  fb = await FakeFacebookServer.start();
  config = testConfig({
    X_API_BASE_URL: x.baseUrl,
    X_BEARER_TOKEN: 'fake-x-bearer-token',
    LINKEDIN_API_BASE_URL: li.baseUrl,
    LINKEDIN_ACCESS_TOKEN: 'fake-linkedin-member-token',
    FACEBOOK_GRAPH_BASE_URL: fb.baseUrl,
    FACEBOOK_ACCESS_TOKEN: 'fake-facebook-page-token',
    // Tests trigger every poll; the scheduler's fan-out stays out of the way.
    SCHEDULER_INTERVAL_MS: '3600000',
    POLL_JOBS_PER_MINUTE: '10000',
    WEBHOOK_ALLOW_PRIVATE: 'true',
    WEBHOOK_REQUIRE_HTTPS: 'false',
  });
  db = await openTestDatabase(config);
  await resetData(db);
  api = await createApiApp(config);
  await api.listen(0, '127.0.0.1');
  base = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  // Payload links point at this API.
  config = { ...config, alerts: { ...config.alerts, publicBaseUrl: base } };
  // Collection, scoring, aggregation and delivery; evaluation runs later at a pinned instant.
  pipeline = await bootstrapWorker({
    ...config,
    worker: {
      ...config.worker,
      roles: ['schedule', 'poll-x', 'poll-linkedin', 'poll-facebook', 'score', 'aggregate', 'deliver'],
    },
  });
  admin = await createTestApiKey(db, 'admin');
  receiver = await WebhookReceiver.start();
});
after(async () => {
  for (const id of disabledDefaults)
    await call('PATCH', `/v1/alert-rules/${id}`, { enabled: true }).catch(() => undefined);
  await alerting?.close();
  await pipeline?.close();
  await api?.close();
  await receiver?.close();
  await Promise.all([x?.close(), li?.close(), fb?.close()]);
  await db?.destroy();
});

async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(path.startsWith('http') ? path : `${base}${path}`, {
    method,
    headers: { ...admin.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
}

async function createSource(kind: string, target: string, name: string): Promise<string> {
  const created = await call<{ id: string }>('POST', '/v1/sources', { kind, name, target, pollIntervalSeconds: 300 });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  // Polled only when the test says so.
  await db.query(`UPDATE sources SET next_poll_at = now() + interval '1 day' WHERE id = $1`, [created.body.id]);
  return created.body.id;
}

/** Asks for a poll over the API and waits until the source records its outcome. */
async function pollAndWait(id: string, predicate: (s: SourceBody) => boolean = () => true): Promise<SourceBody> {
  const before = (await call<SourceBody>('GET', `/v1/sources/${id}`)).body.health.lastPollAt ?? '';
  assert.equal((await call('POST', `/v1/sources/${id}/poll`)).status, 202);
  return waitFor(
    async () => {
      const s = (await call<SourceBody>('GET', `/v1/sources/${id}`)).body;
      return (s.health.lastPollAt ?? '') > before && predicate(s) ? s : undefined;
    },
    { description: `a poll of source ${id}`, timeoutMs: 60_000 },
  );
}

const payloads = (): Payload[] => receiver.requests.map((r) => JSON.parse(r.body) as Payload);

async function drained(): Promise<void> {
  await waitFor(
    async () => {
      const [row] = await db.query(
        `SELECT (SELECT count(*) FROM pending_scores)::int + (SELECT count(*) FROM dirty_buckets)::int AS n`,
      );
      return row.n === 0;
    },
    { description: 'scoring and aggregation', timeoutMs: 120_000 },
  );
}

test('a LinkedIn daily quota pauses LinkedIn visibly; an X burst meanwhile still fires with usable links; resume polls at once', async () => {
  // The analyst's setup: one rule over all platforms for Mistral AI, one endpoint for every event.
  const rules = await call<{ data: Array<{ id: string; enabled: boolean }> }>('GET', '/v1/alert-rules');
  disabledDefaults = rules.body.data.filter((r) => r.enabled).map((r) => r.id);
  for (const id of disabledDefaults)
    assert.equal((await call('PATCH', `/v1/alert-rules/${id}`, { enabled: false })).status, 200);
  const rule = await call<{ id: string }>('POST', '/v1/alert-rules', {
    name: 'Mistral AI negative share (all platforms)',
    labId: 'mistral-ai',
    platform: 'all',
    metric: 'negative_share',
    bucket: '1h',
    window: '1h',
    baseline: '1d',
    minVolume: 20,
  });
  assert.equal(rule.status, 201, JSON.stringify(rule.body));
  assert.equal((await call('POST', '/v1/webhooks', { url: receiver.url })).status, 201);

  // LinkedIn answers its daily-limit 429 (no headers; resets at midnight UTC).
  const org = li.addOrganization();
  for (let i = 0; i < 3; i++)
    li.addPost(org.urn, {
      commentary: `Mistral AI at the Paris meetup, part ${i}`,
      createdAt: Date.now() - (10 - i) * 60_000,
    });
  const linkedin = await createSource('linkedin_org', org.urn, 'Mistral AI on LinkedIn');
  li.failNext({ kind: 'daily-limit' });
  const paused = await pollAndWait(linkedin);
  assert.equal(paused.health.status, 'paused');
  const midnight = new Date();
  midnight.setUTCHours(24, 0, 0, 0);
  assert.equal(paused.health.pausedUntil, midnight.toISOString());
  assert.match(paused.health.pauseReason ?? '', /LinkedIn daily limit/);
  assert.equal(
    (await call('POST', `/v1/sources/${linkedin}/poll`)).status,
    409,
    'poll without resume is refused, pointing at resume',
  );

  // During the pause: a day of ordinary X posts about Mistral AI, then a burst of negative ones.
  const burstAt = Date.now() - 5_000;
  const H = Math.floor(burstAt / HOUR) * HOUR;
  for (let hour = H - 23 * HOUR; hour <= H; hour += HOUR) {
    for (let i = 0; i < 24; i++) {
      const at = Math.min(hour + i * 140_000, burstAt - 1_000 - i);
      const text =
        i % 6 === 0
          ? 'Mistral AI is terrible, awful and broken today. Hate it.'
          : i % 3 === 0
            ? 'Mistral AI will present at the conference on Tuesday.'
            : 'I love Mistral AI, Le Chat by Mistral is amazing and wonderful!';
      x.addPost({ text, createdAt: at, metrics: { like_count: i } });
    }
  }
  const burstIds: string[] = [];
  for (let i = 0; i < 60; i++) {
    burstIds.push(
      x.addPost({
        text: 'Mistral AI is down again, the worst, total garbage',
        createdAt: burstAt - i,
        metrics: { like_count: 1000 + i },
      }).id,
    );
  }
  const xSource = await createSource('x_search', 'Mistral', 'Mistral on X');
  const collected = await pollAndWait(xSource, (s) => s.health.postsCollected >= 24 * 24 + 60);
  assert.equal(collected.health.status, 'ok');
  await drained();

  // Evaluated just after the burst's hour closed, while LinkedIn is still paused.
  alerting = await bootstrapWorker({
    ...config,
    worker: { ...config.worker, roles: ['evaluate'] },
    alerts: { ...config.alerts, evaluationNow: H + HOUR + 15 * 60_000 },
  });
  const firing = await waitFor(async () => payloads().find((p) => p.type === 'alert.firing'), {
    description: 'alert.firing',
    timeoutMs: 90_000,
  });
  const d = firing.data as Payload['data'] & {
    lab: string;
    score: number;
    threshold: number;
    exitThreshold: number;
    reason: string;
    topPosts: Array<{ platform: string; externalId: string; url: string }>;
  };
  assert.equal(d.lab, 'mistral-ai');
  assert.ok(
    d.score >= d.threshold && d.threshold > d.exitThreshold,
    `one sign convention: score ${d.score} vs enter ${d.threshold}`,
  );
  if (midnight.getTime() > H + HOUR)
    assert.match(d.reason, /linkedin \(paused/, 'says which platform was not collecting');
  // The posts behind it, by platform id and original URL: the most engaging of the burst.
  assert.equal(d.topPosts.length, 5);
  for (const post of d.topPosts) {
    assert.equal(post.platform, 'x');
    assert.ok(burstIds.includes(post.externalId), post.externalId);
    assert.match(post.url, new RegExp(`^https://x\\.com/[^/]+/status/${post.externalId}$`));
  }
  // Every link is an API URL that answers.
  for (const [name, link] of Object.entries(d.links)) {
    assert.ok(link !== null && link.startsWith(`${base}/v1/`), `${name}: ${link}`);
    const followed = await call<unknown>('GET', link);
    assert.equal(followed.status, 200, `${name} ${link} answered ${followed.status}: ${JSON.stringify(followed.body)}`);
  }
  const posts = await call<{ data: Array<{ externalId?: string; id?: string; platform: string }> }>(
    'GET',
    d.links.posts as string,
  );
  assert.ok(JSON.stringify(posts.body).includes(d.topPosts[0].externalId), 'the posts link lists the top post');

  const pausedEvent = payloads().find((p) => p.type === 'source.paused');
  assert.ok(pausedEvent, 'source.paused was sent');
  assert.equal(pausedEvent.data.sourceId, linkedin);
  assert.equal(pausedEvent.data.scope, 'source');
  assert.equal(pausedEvent.data.pausedUntil, midnight.toISOString());

  // The operator lifts the pause: LinkedIn is polled at once and collects.
  const resumed = await call<{ poll: { alreadyQueued: boolean }; liftedPauseUntil: string; source: SourceBody }>(
    'POST',
    `/v1/sources/${linkedin}/resume`,
  );
  assert.equal(resumed.status, 202, JSON.stringify(resumed.body));
  assert.equal(resumed.body.liftedPauseUntil, midnight.toISOString());
  const polledAgain = await waitFor(
    async () => {
      const s = (await call<SourceBody>('GET', `/v1/sources/${linkedin}`)).body;
      return s.health.postsCollected === 3 ? s : undefined;
    },
    { description: 'LinkedIn polled after the resume', timeoutMs: 60_000 },
  );
  assert.equal(polledAgain.health.status, 'ok');
  assert.equal(polledAgain.health.pausedUntil, null);
  const resumedEvent = await waitFor(async () => payloads().find((p) => p.type === 'source.resumed'), {
    description: 'source.resumed',
  });
  assert.deepEqual([resumedEvent.data.sourceId, resumedEvent.data.trigger], [linkedin, 'operator']);
  assert.equal(
    payloads().filter((p) => p.type === 'source.resumed').length,
    1,
    'the poll after the resume sends no second source.resumed',
  );
  assert.equal((await call('POST', `/v1/sources/${linkedin}/resume`)).status, 409, 'not paused any more');

  const metrics = await (await fetch(`${base}/metrics`)).text();
  assert.match(metrics, /labpulse_source_resumes_total\{platform="linkedin",trigger="operator"\} 1/);
});

test('a platform-wide Facebook throttle shows in every Facebook source health, with its reason', async () => {
  const pages = [fb.addPage(), fb.addPage(), fb.addPage()];
  for (const page of pages)
    fb.addPost(page.id, { message: `Thoughts on Mistral AI from ${page.id}`, createdAt: Date.now() - 60_000 });
  const ids: string[] = [];
  for (const page of pages) ids.push(await createSource('facebook_page', page.id, `Page ${page.id}`));
  fb.failNext({ kind: 'throttled', code: 613, status: 400, regainMinutes: 20 });
  await pollAndWait(ids[0]);
  for (const id of ids) {
    // The other sources were never polled, yet show the platform's pause as their own.
    const s = await waitFor(
      async () => {
        const body = (await call<SourceBody>('GET', `/v1/sources/${id}`)).body;
        return body.health.status === 'paused' ? body : undefined;
      },
      { description: `source ${id} paused` },
    );
    const until = Date.parse(s.health.pausedUntil ?? '');
    assert.ok(until > Date.now() + 15 * 60_000, `paused until the regain time: ${s.health.pausedUntil}`);
    assert.match(s.health.pauseReason ?? '', /code 613/);
    assert.ok(Date.parse(s.health.nextPollAt ?? '') >= until, 'no poll is announced before the pause ends');
  }
  const events = await waitFor(
    async () => {
      const found = payloads().filter((p) => p.type === 'source.paused' && ids.includes(p.data.sourceId ?? ''));
      return found.length === ids.length ? found : undefined;
    },
    { description: 'one source.paused per Facebook source' },
  );
  assert.deepEqual(events.map((e) => e.data.scope).sort(), ['platform', 'platform', 'platform']);
});
