import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { OutboxRepository } from '@labpulse/persistence';
import { bootstrapWorker, type RunningWorker } from '../../apps/worker/src/bootstrap-worker';
import { AlertingHarness } from './alerting-harness';

/**
 * T14 (docs/alerting.md#test-cases): the outbox row is queued twice but only one job exists (jobId = the
 * delivery id); a worker process killed (SIGKILL) after its POST but before the job completes
 * leaves the job stalled; another worker re-runs it, so the receiver sees the same webhook-id
 * twice (at-least-once, as documented), and there is still exactly one event row.
 */
let h: AlertingHarness;
let child: ChildProcess | undefined;
let rescuer: RunningWorker | undefined;

before(async () => {
  // The in-process worker runs no deliveries: the child process takes the job first.
  h = await AlertingHarness.start({ WORKER_QUEUES: 'aggregate' });
});
after(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await rescuer?.close();
  await h?.close();
});

it('T14: one job per delivery, and a delivery cut short by a killed worker is re-run with the same webhook-id', async () => {
  const endpoint = await h.createEndpoint({ eventTypes: ['alert.firing'] });
  const outbox = new OutboxRepository(h.db);
  const event = {
    type: 'alert.firing',
    dedupeKey: 'alert:t14:1',
    alertId: null,
    sourceId: null,
    sequence: 1,
    occurredAt: new Date('2026-11-01T12:00:00Z'),
    body: '{"type":"alert.firing","data":{"sequence":1}}',
  };
  const pending = await outbox.writeEvent(event);
  assert.equal(pending.length, 1);
  assert.deepEqual(await outbox.writeEvent(event), [], 'the same event twice is one event');

  // The dispatcher and the sweep may both queue it: still one job.
  const job = { queue: 'deliver' as const, name: 'deliver' as const, data: pending[0] };
  await h.jobs.enqueue(job);
  await h.jobs.enqueue(job);
  const queue = h.jobs.queue('deliver');
  const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
  assert.deepEqual(
    jobs.map((j) => j.id),
    [pending[0].deliveryId],
  );

  // A real worker process takes the job, POSTs, and dies while the receiver holds the answer.
  h.receiver.respondWith({ hang: true });
  child = spawn(process.execPath, ['--require', '@swc-node/register', 'apps/worker/src/main.ts'], {
    env: {
      ...process.env,
      DATABASE_URL: h.config.database.url,
      REDIS_URL: h.config.redis.url,
      QUEUE_PREFIX: h.config.queue.prefix,
      WORKER_QUEUES: 'deliver',
      WORKER_HEALTH_PORT: '0',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_REQUIRE_HTTPS: 'false',
      WEBHOOK_TIMEOUT_MS: '60000',
      LOG_LEVEL: 'error',
    },
    stdio: 'ignore',
  });
  const [first] = await h.receiver.waitForRequests(1, 60_000);
  child.kill('SIGKILL');
  await once(child, 'exit');

  const cut = await h.delivery(endpoint.id, pending[0].deliveryId);
  assert.equal(cut.status, 'pending');
  assert.deepEqual(
    cut.attemptLog.map((a) => [a.attempt, a.outcome]),
    [[1, null]],
    'the attempt is logged with no outcome',
  );

  // Another worker notices the stalled job (its lock expired) and runs it again.
  rescuer = await bootstrapWorker({ ...h.config, worker: { ...h.config.worker, roles: ['deliver'] } });
  const [, second] = await h.receiver.waitForRequests(2, 60_000);
  assert.equal(second.headers['webhook-id'], first.headers['webhook-id']);
  assert.equal(second.body, first.body);
  const done = await h.settled(endpoint.id, pending[0].deliveryId, 60_000);
  assert.equal(done.status, 'delivered');
  assert.deepEqual(
    done.attemptLog.map((a) => [a.attempt, a.outcome]),
    [
      [1, null],
      [2, 'delivered'],
    ],
  );
  const [events] = await h.db.query(`SELECT count(*)::int AS n FROM alert_events WHERE dedupe_key = 'alert:t14:1'`);
  assert.equal(events.n, 1);
  const [deliveries] = await h.db.query('SELECT count(*)::int AS n FROM webhook_deliveries WHERE endpoint_id = $1', [
    endpoint.id,
  ]);
  assert.equal(deliveries.n, 1);
  const after = await queue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
  assert.deepEqual(
    after.map((j) => j.id),
    [pending[0].deliveryId],
  );
  assert.equal(await (await queue.getJob(pending[0].deliveryId))?.getState(), 'completed');
});
