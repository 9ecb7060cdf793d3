import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { OutboxRepository } from '@labpulse/persistence';
import { AlertingHarness } from './alerting-harness';

/**
 * T13 (docs/alerting.md#test-cases): a receiver that always answers 500 gets 8 attempts on the Svix schedule
 * (0, 5 s, 5 m 5 s, 35 m 5 s, 2 h 35 m 5 s, 7 h 35 m 5 s, 17 h 35 m 5 s, 27 h 35 m 5 s, each wait
 * +-20 %), on the worker's fast-forward clock; then the delivery fails. Failing for 5 days disables
 * the endpoint (reason failing), after which a new alert gets a skipped delivery, not an attempt.
 */
let h: AlertingHarness;

before(async () => {
  h = await AlertingHarness.start();
});
after(async () => {
  await h?.close();
});

const SVIX_WAITS_MS = [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000];

it('T13: eight attempts on the Svix schedule, then failed; five days of failures disable the endpoint', async () => {
  h.receiver.fallback = { status: 500 };
  const endpoint = await h.createEndpoint();
  const deliveryId = await h.sendTest(endpoint.id);
  const d = await h.settled(endpoint.id, deliveryId, 60_000);
  assert.equal(d.status, 'failed');
  assert.equal(d.attempts, 8);
  assert.equal(h.receiver.requests.length, 8);
  assert.deepEqual(
    d.attemptLog.map((a) => a.outcome),
    ['retry', 'retry', 'retry', 'retry', 'retry', 'retry', 'retry', 'exhausted'],
  );
  const starts = d.attemptLog.map((a) => Date.parse(a.startedAt));
  for (let i = 1; i < starts.length; i++) {
    const wait = starts[i] - starts[i - 1];
    const planned = SVIX_WAITS_MS[i - 1];
    assert.ok(wait >= planned * 0.8 && wait <= planned * 1.2, `wait ${i}: ${wait} ms, planned ${planned} ms +-20 %`);
  }
  const total = starts[7] - starts[0];
  assert.ok(
    total >= 0.8 * 99_305_000 && total <= 1.2 * 99_305_000,
    `last attempt ${total} ms after the first (about 27 h 35 m)`,
  );
  assert.equal(new Set(h.receiver.requests.map((r) => r.headers['webhook-id'])).size, 1);
  assert.deepEqual(await h.finishedDeliverJob({ deliveryId, round: 0 }), { state: 'failed', attemptsMade: 8 });

  // Still enabled after ~27.6 h of failures: the Svix rule needs 5 days.
  let current = await h.endpoint(endpoint.id);
  assert.equal(current.status, 'enabled');
  assert.equal(current.consecutiveFailures, 8);
  assert.equal(Date.parse(current.failingSince ?? ''), starts[0]);

  // Past five days of failing, whatever the jitter made of the first 27.6 h (as little as ~22 h):
  // the next attempt must be the one that disables the endpoint.
  h.clock.advance(5 * 24 * 3_600_000 - (h.clock.now() - starts[0]) + 3_600_000);
  const later = await h.sendTest(endpoint.id);
  const last = await h.settled(endpoint.id, later, 30_000);
  assert.equal(last.status, 'failed');
  assert.match(last.lastError ?? '', /endpoint disabled \(failing\)/);
  current = await h.endpoint(endpoint.id);
  assert.equal(current.status, 'disabled');
  assert.equal(current.disabledReason, 'failing');
  assert.equal(Date.parse(current.disabledAt ?? ''), Date.parse(last.attemptLog[0].startedAt));

  const seen = h.receiver.requests.length;
  const pending = await new OutboxRepository(h.db).writeEvent({
    type: 'alert.firing',
    dedupeKey: 'alert:t13:1',
    alertId: null,
    sourceId: null,
    sequence: 1,
    occurredAt: new Date(h.clock.now()),
    body: '{"type":"alert.firing"}',
  });
  assert.deepEqual(pending, [], 'nothing to queue for a disabled endpoint');
  const list = await h.request<{
    data: Array<{ eventType: string; status: string; attempts: number; lastError: string }>;
  }>('GET', `/v1/webhooks/${endpoint.id}/deliveries?eventType=alert.firing`);
  assert.deepEqual(
    list.body.data.map((x) => [x.status, x.attempts, x.lastError]),
    [['skipped', 0, 'endpoint disabled (failing)']],
  );
  assert.equal(h.receiver.requests.length, seen);

  // Re-enabling resets the counters.
  const enabled = await h.request<{ status: string; consecutiveFailures: number; failingSince: string | null }>(
    'PATCH',
    `/v1/webhooks/${endpoint.id}`,
    { enabled: true },
  );
  assert.deepEqual(
    [enabled.body.status, enabled.body.consecutiveFailures, enabled.body.failingSince],
    ['enabled', 0, null],
  );
});
