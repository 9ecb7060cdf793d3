import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pool } from 'pg';
import { createDataSource } from '@labpulse/persistence';
import { createTestApiKey, freePort, type TestApiKey, waitFor, WebhookReceiver } from '@labpulse/testing';
import { assertInvariant } from './support/invariants';
import {
  checkPool,
  createSources,
  FakePlatforms,
  faultQueuePrefix,
  processEnv,
  resetDatabase,
} from './support/pipeline';
import { type ManagedProcess, ProcessGroup } from './support/processes';

/**
 * A webhook receiver that is down (nothing listens on its port: connection refused) for the whole
 * retry window, then comes back on the same port. With a short WEBHOOK_RETRY_SCHEDULE, the real
 * worker process makes every attempt on the schedule (each wait at least the planned one less its
 * 20 % jitter), the delivery log shows each attempt, the delivery ends `failed`, the endpoint stays
 * enabled, and once the receiver is up a replay and a new delivery both succeed with the same
 * signed bytes. Posts keep flowing through the pipeline meanwhile.
 */
const SCHEDULE = '2s,3s,4s';
const WAITS_MS = [2_000, 3_000, 4_000];
const databaseUrl = process.env.DATABASE_URL as string;
const redisUrl = process.env.REDIS_URL ?? 'redis://localhost:6379';
let fakes: FakePlatforms;
let group: ProcessGroup;
let pool: Pool;
let receiver: WebhookReceiver | undefined;
let admin: TestApiKey;

interface Delivery {
  id: string;
  webhookId: string;
  status: string;
  attempts: number;
  body: string;
  attemptLog: Array<{
    round: number;
    attempt: number;
    startedAt: string;
    statusCode: number | null;
    outcome: string | null;
    errorClass: string | null;
    nextAttemptAt: string | null;
  }>;
}

before(async () => {
  await resetDatabase(databaseUrl);
  const db = createDataSource({ url: databaseUrl, poolSize: 1 });
  await db.initialize();
  admin = await createTestApiKey(db, 'admin');
  await db.destroy();
  fakes = await FakePlatforms.start();
  group = new ProcessGroup(
    processEnv(databaseUrl, redisUrl, faultQueuePrefix('webhook'), {
      ...fakes.env,
      WEBHOOK_RETRY_SCHEDULE: SCHEDULE,
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_REQUIRE_HTTPS: 'false',
      WEBHOOK_TIMEOUT_MS: '5000',
    }),
  );
  pool = checkPool(databaseUrl);
});
after(async () => {
  await group?.killAll();
  await receiver?.close();
  await pool?.end();
  await fakes?.close();
  group?.removeDir();
});

test('a webhook receiver down for the whole retry window: attempts follow the schedule, each is logged, a replay succeeds once it is up', async (t) => {
  const page = fakes.addPage();
  fakes.seedFacebook(page, 200);
  await createSources(databaseUrl, [{ kind: 'facebook_page', target: page, options: { pageSize: 50 } }]);
  const api: ManagedProcess = await group.readyApi('api');
  await group.readyWorker('worker', { WORKER_QUEUES: 'schedule,poll,score,aggregate,deliver' });
  const call = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`http://127.0.0.1:${api.port}${path}`, {
      method,
      headers: { ...admin.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
  };

  // Down: a port nobody listens on.
  const port = await freePort();
  const created = await call<{ id: string; secret: string }>('POST', '/v1/webhooks', {
    url: `http://127.0.0.1:${port}/hook`,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const endpointId = created.body.id;
  const sent = await call<{ id: string }>('POST', `/v1/webhooks/${endpointId}/test`);
  assert.equal(sent.status, 202, JSON.stringify(sent.body));
  const deliveryId = sent.body.id;

  const failed = await waitFor(
    async () => {
      const d = await call<Delivery>('GET', `/v1/webhooks/${endpointId}/deliveries/${deliveryId}`);
      return d.body.status !== 'pending' ? d.body : undefined;
    },
    { description: 'the delivery to exhaust its attempts', timeoutMs: 90_000, intervalMs: 250 },
  );
  t.diagnostic(
    `attempts: ${JSON.stringify(failed.attemptLog.map((a) => [a.startedAt, a.outcome, a.errorClass, a.nextAttemptAt]))}`,
  );
  assert.equal(failed.status, 'failed');
  assert.equal(failed.attempts, WAITS_MS.length + 1);
  assert.deepEqual(
    failed.attemptLog.map((a) => [a.attempt, a.outcome, a.statusCode]),
    [
      [1, 'retry', null],
      [2, 'retry', null],
      [3, 'retry', null],
      [4, 'exhausted', null],
    ],
  );
  assert.ok(
    failed.attemptLog.every((a) => a.errorClass !== null),
    'each attempt names its transport error',
  );
  const starts = failed.attemptLog.map((a) => Date.parse(a.startedAt));
  for (let i = 1; i < starts.length; i++) {
    const wait = starts[i] - starts[i - 1];
    assert.ok(
      wait >= WAITS_MS[i - 1] * 0.8,
      `wait ${i}: ${wait} ms, the schedule says ${WAITS_MS[i - 1]} ms (-20 % jitter at most)`,
    );
    // The log announces each retry, and the retry does not come before it.
    const planned = Date.parse(failed.attemptLog[i - 1].nextAttemptAt ?? '');
    assert.ok(
      starts[i] >= planned - 100,
      `attempt ${i + 1} at ${failed.attemptLog[i].startedAt}, announced for ${failed.attemptLog[i - 1].nextAttemptAt}`,
    );
  }
  assert.equal(failed.attemptLog[3].nextAttemptAt, null, 'no retry announced after the last attempt');
  const listed = await call<{ data: Array<{ id: string; status: string; attempts: number }> }>(
    'GET',
    `/v1/webhooks/${endpointId}/deliveries`,
  );
  assert.deepEqual(
    listed.body.data.map((d) => [d.id, d.status, d.attempts]),
    [[deliveryId, 'failed', 4]],
  );
  const endpoint = await call<{ status: string; consecutiveFailures: number }>('GET', `/v1/webhooks/${endpointId}`);
  assert.equal(endpoint.body.status, 'enabled', 'a few failures do not disable the endpoint');
  assert.equal(endpoint.body.consecutiveFailures, 4);

  // Up again on the same port: a replay resends the same bytes with the same webhook-id.
  receiver = await WebhookReceiver.start('/hook', port);
  const replay = await call<{ status: string }>('POST', `/v1/webhooks/${endpointId}/deliveries/${deliveryId}/replay`);
  assert.equal(replay.status, 202, JSON.stringify(replay.body));
  const [first] = await receiver.waitForRequests(1, 30_000);
  assert.equal(first.headers['webhook-id'], failed.webhookId);
  assert.equal(first.body, failed.body);
  const replayed = await waitFor(
    async () => {
      const d = await call<Delivery>('GET', `/v1/webhooks/${endpointId}/deliveries/${deliveryId}`);
      return d.body.status === 'delivered' ? d.body : undefined;
    },
    { description: 'the replay to be delivered', timeoutMs: 30_000, intervalMs: 250 },
  );
  assert.deepEqual(replayed.attemptLog.map((a) => [a.round, a.attempt, a.outcome]).slice(-1), [[1, 1, 'delivered']]);
  assert.equal(replayed.attemptLog.length, 5, 'the log keeps the four failed attempts and adds the replay');

  // New deliveries succeed at once.
  const next = await call<{ id: string }>('POST', `/v1/webhooks/${endpointId}/test`);
  await receiver.waitForRequests(2, 30_000);
  const delivered = await waitFor(
    async () => {
      const d = await call<Delivery>('GET', `/v1/webhooks/${endpointId}/deliveries/${next.body.id}`);
      return d.body.status === 'delivered' ? d.body : undefined;
    },
    { description: 'a new delivery to succeed', timeoutMs: 30_000, intervalMs: 250 },
  );
  assert.equal(delivered.attempts, 1);
  const healed = await call<{ status: string; consecutiveFailures: number }>('GET', `/v1/webhooks/${endpointId}`);
  assert.deepEqual([healed.body.status, healed.body.consecutiveFailures], ['enabled', 0]);

  // The receiver's outage did not hold up the pipeline.
  await assertInvariant(pool, fakes.expected(), { timeoutMs: 120_000, describe: () => group.logs() });
});
