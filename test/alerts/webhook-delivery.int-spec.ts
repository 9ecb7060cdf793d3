import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { OutboxRepository } from '@labpulse/persistence';
import { verifyWithStandardWebhooks, WebhookReceiver } from '@labpulse/testing';
import { AlertingHarness } from './alerting-harness';

/**
 * Webhook delivery through the real deliver queue (Redis), Postgres and undici, against a real
 * receiver on 127.0.0.1, on the Svix schedule run by a fast-forward clock (docs/alerting.md#test-cases
 * T1-T4, T6-T11). Receivers verify with the `standardwebhooks` package, as a customer would.
 */
let h: AlertingHarness;

before(async () => {
  h = await AlertingHarness.start({ WEBHOOK_TIMEOUT_MS: '400' });
});
after(async () => {
  await h?.close();
});
beforeEach(() => h.receiver.clear());

const ts = (iso: string): number => Date.parse(iso);
const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');
const seconds = (header: string | undefined): number => Number(header);

describe('signing as a receiver verifies it', () => {
  it('T1: a user-supplied whsec_ secret (the published vector) signs deliveries the reference verifier accepts', async () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const endpoint = await h.createEndpoint({ secret });
    assert.equal(endpoint.secret, secret);
    const deliveryId = await h.sendTest(endpoint.id);
    const [received] = await h.receiver.waitForRequests(1);
    assert.equal(received.headers['webhook-id'], `msg_${deliveryId}`);
    assert.equal(received.headers['content-type'], 'application/json');
    assert.equal(received.headers['user-agent'], 'LabPulse-Webhooks/1');
    const payload = verifyWithStandardWebhooks(
      secret,
      received,
      received.raw,
      seconds(received.headers['webhook-timestamp']),
    ) as {
      type: string;
      data: { endpointId: string };
    };
    assert.equal(payload.type, 'webhook.test');
    assert.equal(payload.data.endpointId, endpoint.id);
    assert.equal((await h.settled(endpoint.id, deliveryId)).status, 'delivered');
  });

  it('T2: the exact bytes verify, a re-serialised copy does not, and a retry sends byte-identical bodies', async () => {
    const endpoint = await h.createEndpoint();
    h.receiver.respondWith({ status: 500 }, { status: 200 });
    const deliveryId = await h.sendTest(endpoint.id);
    const [first, second] = await h.receiver.waitForRequests(2);
    const at = seconds(first.headers['webhook-timestamp']);
    assert.doesNotThrow(() => verifyWithStandardWebhooks(endpoint.secret, first, first.raw, at));
    const pretty = JSON.stringify(JSON.parse(first.body), null, 2);
    assert.notEqual(pretty, first.body);
    assert.throws(() => verifyWithStandardWebhooks(endpoint.secret, first, pretty, at), /No matching signature found/);
    assert.equal(sha256(first.raw), sha256(second.raw));
    const stored = await h.settled(endpoint.id, deliveryId);
    assert.equal(sha256(stored.body), sha256(first.raw), 'what is stored is what was sent');
  });

  it('T3: each retry has a fresh timestamp and signature, the same webhook-id; 301 s off is rejected', async () => {
    const endpoint = await h.createEndpoint();
    h.receiver.respondWith({ status: 503 }, { status: 204 });
    const deliveryId = await h.sendTest(endpoint.id);
    const [first, second] = await h.receiver.waitForRequests(2);
    assert.equal(first.headers['webhook-id'], second.headers['webhook-id']);
    assert.notEqual(first.headers['webhook-timestamp'], second.headers['webhook-timestamp']);
    assert.notEqual(first.headers['webhook-signature'], second.headers['webhook-signature']);
    const at = seconds(second.headers['webhook-timestamp']);
    assert.doesNotThrow(() => verifyWithStandardWebhooks(endpoint.secret, second, second.raw, at));
    assert.throws(() => verifyWithStandardWebhooks(endpoint.secret, second, second.raw, at + 301), /too old/);
    assert.throws(() => verifyWithStandardWebhooks(endpoint.secret, second, second.raw, at - 301), /too new/);
    await h.settled(endpoint.id, deliveryId);
  });

  it('T4: during a rotation both secrets sign and either verifies; after the overlap only the new one does', async () => {
    const endpoint = await h.createEndpoint();
    const rotated = await h.request<{ secret: string; previousSecretExpiresAt: string }>(
      'POST',
      `/v1/webhooks/${endpoint.id}/rotate-secret`,
    );
    assert.equal(rotated.status, 200);
    assert.match(rotated.body.secret, /^whsec_/);
    assert.notEqual(rotated.body.secret, endpoint.secret);
    // The secret is shown at creation and rotation only.
    assert.equal((await h.endpoint(endpoint.id)).secret, undefined);
    const listed = await h.request<{ data: Array<Record<string, unknown>> }>('GET', '/v1/webhooks');
    assert.ok(listed.body.data.every((e) => !('secret' in e)));

    await h.sendTest(endpoint.id);
    const [during] = await h.receiver.waitForRequests(1);
    const signatures = (during.headers['webhook-signature'] ?? '').split(' ');
    assert.equal(signatures.length, 2);
    const at = seconds(during.headers['webhook-timestamp']);
    assert.doesNotThrow(() => verifyWithStandardWebhooks(rotated.body.secret, during, during.raw, at));
    assert.doesNotThrow(() => verifyWithStandardWebhooks(endpoint.secret, during, during.raw, at));

    // The overlap is 24 h of wall time from the rotation; the worker's clock moves past it.
    h.clock.advance(Date.parse(rotated.body.previousSecretExpiresAt) - h.clock.now() + 60_000);
    await h.sendTest(endpoint.id);
    const [, afterwards] = await h.receiver.waitForRequests(2);
    assert.equal((afterwards.headers['webhook-signature'] ?? '').split(' ').length, 1);
    const later = seconds(afterwards.headers['webhook-timestamp']);
    assert.doesNotThrow(() => verifyWithStandardWebhooks(rotated.body.secret, afterwards, afterwards.raw, later));
    assert.throws(
      () => verifyWithStandardWebhooks(endpoint.secret, afterwards, afterwards.raw, later),
      /No matching signature found/,
    );
  });
});

describe('delivery outcomes against a live receiver', () => {
  it('T6: a 204 is delivered after one attempt, one attempt row, no retry job', async () => {
    const endpoint = await h.createEndpoint();
    const deliveryId = await h.sendTest(endpoint.id);
    const d = await h.settled(endpoint.id, deliveryId);
    assert.equal(d.status, 'delivered');
    assert.equal(d.attempts, 1);
    assert.equal(d.attemptLog.length, 1);
    assert.equal(d.attemptLog[0].statusCode, 204);
    assert.equal(d.attemptLog[0].outcome, 'delivered');
    assert.equal(d.attemptLog[0].nextAttemptAt, null);
    const job = await h.finishedDeliverJob({ deliveryId, round: 0 });
    assert.deepEqual(job, { state: 'completed', attemptsMade: 1 });
    assert.equal(h.receiver.requests.length, 1);
  });

  it('T7: 500 then 200 takes two attempts, the second 5 s +-20 % later, same webhook-id, new timestamp', async () => {
    const endpoint = await h.createEndpoint();
    h.receiver.respondWith({ status: 500, body: 'boom' }, { status: 200 });
    const deliveryId = await h.sendTest(endpoint.id);
    const d = await h.settled(endpoint.id, deliveryId);
    assert.equal(d.status, 'delivered');
    assert.deepEqual(
      d.attemptLog.map((a) => [a.attempt, a.statusCode, a.outcome]),
      [
        [1, 500, 'retry'],
        [2, 200, 'delivered'],
      ],
    );
    assert.equal(d.attemptLog[0].responseSnippet, 'boom');
    const gap = ts(d.attemptLog[1].startedAt) - ts(d.attemptLog[0].startedAt);
    assert.ok(gap >= 4_000 && gap <= 6_000, `second attempt ${gap} ms after the first`);
    assert.equal(ts(d.attemptLog[0].nextAttemptAt ?? ''), ts(d.attemptLog[1].startedAt));
    const [a, b] = h.receiver.requests;
    assert.equal(a.headers['webhook-id'], b.headers['webhook-id']);
    assert.notEqual(a.headers['webhook-timestamp'], b.headers['webhook-timestamp']);
    assert.equal(
      d.attemptLog[1].webhookTimestamp - d.attemptLog[0].webhookTimestamp,
      Math.floor(ts(d.attemptLog[1].startedAt) / 1000) - Math.floor(ts(d.attemptLog[0].startedAt) / 1000),
    );
  });

  it('T8: Retry-After 120 waits at least 120 s, not 5 s; a Retry-After above 24 h is clamped to 24 h', async () => {
    const endpoint = await h.createEndpoint();
    h.receiver.respondWith(
      { status: 429, headers: { 'retry-after': '120' } },
      { status: 503, headers: { 'retry-after': '1000000' } },
      { status: 204 },
    );
    const deliveryId = await h.sendTest(endpoint.id);
    const d = await h.settled(endpoint.id, deliveryId);
    assert.equal(d.status, 'delivered');
    const [first, second, third] = d.attemptLog;
    assert.ok(ts(second.startedAt) - ts(first.startedAt) >= 120_000);
    assert.equal(ts(third.startedAt) - ts(second.startedAt), 24 * 3_600_000);
  });

  it('T9: 410 disables the endpoint at once; nothing is retried; its other queued deliveries are skipped when picked up', async () => {
    const endpoint = await h.createEndpoint();
    h.receiver.respondWith({ status: 410 });
    const deliveryId = await h.sendTest(endpoint.id);
    // Another delivery already in the outbox, queued only after the 410 was handled.
    const queuedLater = await new OutboxRepository(h.db).createTestDelivery(endpoint.id, '{"type":"webhook.test"}');
    assert.ok(queuedLater);
    const d = await h.settled(endpoint.id, deliveryId);
    assert.equal(d.status, 'failed');
    assert.deepEqual(
      d.attemptLog.map((a) => [a.statusCode, a.outcome]),
      [[410, 'gone']],
    );
    const disabled = await h.endpoint(endpoint.id);
    assert.equal(disabled.status, 'disabled');
    assert.equal(disabled.disabledReason, 'gone');
    assert.notEqual(disabled.disabledAt, null);
    assert.deepEqual(await h.finishedDeliverJob({ deliveryId, round: 0 }), { state: 'failed', attemptsMade: 1 });

    await h.jobs.enqueue({ queue: 'deliver', name: 'deliver', data: queuedLater });
    const skipped = await h.settled(endpoint.id, queuedLater.deliveryId);
    assert.equal(skipped.status, 'skipped');
    assert.equal(skipped.attemptLog.length, 0);
    assert.match(skipped.lastError ?? '', /endpoint disabled \(gone\)/);
    assert.equal(h.receiver.requests.length, 1);
    const test = await h.request('POST', `/v1/webhooks/${endpoint.id}/test`);
    assert.equal(test.status, 409);
  });

  it('T10: a receiver that never answers, or trickles bytes, is cut at the timeout as error_class timeout and retried', async () => {
    const endpoint = await h.createEndpoint();
    h.receiver.respondWith({ hang: true }, { drip: true, intervalMs: 50 }, { status: 204 });
    const deliveryId = await h.sendTest(endpoint.id);
    const d = await h.settled(endpoint.id, deliveryId);
    assert.equal(d.status, 'delivered');
    assert.deepEqual(
      d.attemptLog.map((a) => [a.outcome, a.errorClass]),
      [
        ['retry', 'timeout'],
        ['retry', 'timeout'],
        ['delivered', null],
      ],
    );
    assert.equal(d.attemptLog[1].statusCode, null, 'a drip that never finishes has no usable answer');
    const gap = ts(d.attemptLog[1].startedAt) - ts(d.attemptLog[0].startedAt);
    assert.ok(gap >= 4_000 && gap <= 6_000, 'retried on the schedule');
  });

  it('T11: a 302 is a failure and its Location is never requested; of a 50 MB answer at most 64 KiB is read', async () => {
    const elsewhere = await WebhookReceiver.start('/elsewhere');
    try {
      const endpoint = await h.createEndpoint();
      h.receiver.respondWith(
        { status: 302, headers: { location: elsewhere.url } },
        { hugeBody: true, bytes: 50 * 1024 * 1024 },
      );
      const deliveryId = await h.sendTest(endpoint.id);
      const d = await h.settled(endpoint.id, deliveryId);
      assert.equal(d.status, 'delivered', 'a 2xx with a huge body still counts as delivered');
      assert.deepEqual(
        d.attemptLog.map((a) => [a.statusCode, a.outcome]),
        [
          [302, 'retry'],
          [200, 'delivered'],
        ],
      );
      assert.match(d.attemptLog[0].error ?? '', /redirect 302 not followed/);
      assert.equal(elsewhere.requests.length, 0);
      assert.equal(elsewhere.connections, 0);
      assert.ok(Buffer.byteLength(d.attemptLog[1].responseSnippet ?? '') <= 4 * 1024);
      assert.ok((d.attemptLog[1].responseSnippet ?? '').length > 0);
      assert.ok(h.receiver.hugeBodyWritten[1] < 50 * 1024 * 1024, 'the sender hung up long before the end of the body');
    } finally {
      await elsewhere.close();
    }
  });

  it('every attempt is in the delivery log, newest first, and a delivery can be replayed with the same webhook-id', async () => {
    const endpoint = await h.createEndpoint();
    const deliveryId = await h.sendTest(endpoint.id);
    await h.settled(endpoint.id, deliveryId);
    const list = await h.request<{
      data: Array<{ id: string; webhookId: string; status: string }>;
      nextCursor: string | null;
    }>('GET', `/v1/webhooks/${endpoint.id}/deliveries?limit=10`);
    assert.equal(list.status, 200);
    assert.deepEqual(
      list.body.data.map((d) => [d.id, d.webhookId, d.status]),
      [[deliveryId, `msg_${deliveryId}`, 'delivered']],
    );
    assert.equal(list.body.nextCursor, null);

    const replay = await h.request<{ round: number }>(
      'POST',
      `/v1/webhooks/${endpoint.id}/deliveries/${deliveryId}/replay`,
    );
    assert.equal(replay.status, 202);
    assert.equal(replay.body.round, 1);
    const [original, again] = await h.receiver.waitForRequests(2);
    await h.settled(endpoint.id, deliveryId);
    assert.equal(again.headers['webhook-id'], original.headers['webhook-id']);
    assert.equal(sha256(again.raw), sha256(original.raw));
    const d = await h.delivery(endpoint.id, deliveryId);
    assert.deepEqual(
      d.attemptLog.map((a) => [a.round, a.attempt, a.outcome]),
      [
        [0, 1, 'delivered'],
        [1, 1, 'delivered'],
      ],
    );
  });
});
