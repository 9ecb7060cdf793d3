import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { OutboxRepository, WebhookRepository, WebhookSecretCipher } from '@labpulse/persistence';
import { JobProducer } from '@labpulse/queue';
import { stubLookup, testConfig, waitFor } from '@labpulse/testing';
import { bootstrapWorker } from '../../apps/worker/src/bootstrap-worker';
import { AlertingHarness } from './alerting-harness';

/**
 * T12 (docs/alerting.md#test-cases): with WEBHOOK_ALLOW_PRIVATE=false, literal private targets are refused
 * at registration, and names that resolve to a private address are stopped when the socket
 * connects: the receiver listening on 127.0.0.1 accepts no connection at all. DNS is a stub, so
 * nothing leaves loopback; a control run with WEBHOOK_ALLOW_PRIVATE=true shows the receiver would
 * have seen the connection.
 */
const DNS = stubLookup({
  '127.0.0.1.nip.io': '127.0.0.1',
  'loopback.example.com': '127.0.0.1',
  // Public when a human checked it; the internal address when the worker connects.
  'rebind.example.com': () => '10.0.0.5',
});

let h: AlertingHarness;

before(async () => {
  h = await AlertingHarness.start({ WEBHOOK_ALLOW_PRIVATE: 'false' }, { dnsLookup: DNS });
});
after(async () => {
  await h?.close();
});

describe('T12: SSRF', () => {
  it('literal private, metadata, mapped and local targets are refused at registration (400 naming url), nothing stored', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://[::ffff:127.0.0.1]/',
      'http://127.0.0.1/hook',
      'http://10.0.0.5/hook',
      'http://localhost/hook',
      h.receiver.url,
    ]) {
      const res = await h.request<{ status: number; errors: Array<{ parameter: string; message: string }> }>(
        'POST',
        '/v1/webhooks',
        { url },
      );
      assert.equal(res.status, 400, url);
      assert.equal(res.body.errors[0].parameter, 'url', url);
    }
    const list = await h.request<{ data: unknown[] }>('GET', '/v1/webhooks');
    assert.deepEqual(list.body.data, []);
    // A public-looking name passes registration: it is checked again on every connection.
    const ok = await h.request<{ id: string }>('POST', '/v1/webhooks', { url: 'http://127.0.0.1.nip.io/hook' });
    assert.equal(ok.status, 201);
    await h.request('DELETE', `/v1/webhooks/${ok.body.id}`);
  });

  it('names resolving to loopback or a private address, and a stored mapped literal, never open a connection', async () => {
    const port = h.receiver.port;
    const endpoints = new WebhookRepository(h.db, new WebhookSecretCipher(h.config));
    const outbox = new OutboxRepository(h.db);
    // Stored directly, as if registered while the name still resolved publicly (ports are checked at registration).
    const targets = [
      { url: `http://127.0.0.1.nip.io:${port}/hook`, address: '127.0.0.1' },
      { url: `http://loopback.example.com:${port}/hook`, address: '127.0.0.1' },
      { url: `http://rebind.example.com:${port}/hook`, address: '10.0.0.5' },
      { url: `http://[::ffff:127.0.0.1]:${port}/hook`, address: '::ffff:127.0.0.1' },
    ];
    for (const target of targets) {
      const endpoint = await endpoints.create({
        url: target.url,
        description: '',
        eventTypes: ['alert.firing'],
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      });
      const pending = await outbox.createTestDelivery(endpoint.id, '{"type":"webhook.test"}');
      assert.ok(pending);
      await h.jobs.enqueue({ queue: 'deliver', name: 'deliver', data: pending });
      const d = await h.settled(endpoint.id, pending.deliveryId);
      assert.equal(d.status, 'failed', target.url);
      assert.equal(d.attemptLog.length, 1);
      assert.equal(d.attemptLog[0].outcome, 'blocked');
      assert.equal(d.attemptLog[0].errorClass, 'blocked_address');
      assert.equal(d.attemptLog[0].statusCode, null);
      assert.match(
        d.attemptLog[0].error ?? '',
        target.address.startsWith('::ffff:')
          ? /ipv4_mapped address/
          : new RegExp(`blocked \\w+ address ${target.address.replace(/\./g, '\\.')}`),
      );
      // The delivery is recorded first, then the endpoint disabled, then the job failed: wait for each.
      const disabled = await waitFor(
        async () => {
          const e = await h.endpoint(endpoint.id);
          return e.status === 'disabled' ? e : undefined;
        },
        { description: `endpoint ${endpoint.id} to be disabled` },
      );
      assert.equal(disabled.disabledReason, 'blocked_address');
      // UnrecoverableError: one run, no retries.
      const job = await waitFor(
        async () => {
          const j = await h.deliverJob(pending);
          return j?.state === 'failed' ? j : undefined;
        },
        { description: 'the delivery job to fail' },
      );
      assert.deepEqual(job, { state: 'failed', attemptsMade: 1 });
    }
    assert.equal(h.receiver.connections, 0, 'no TCP connection reached the listener on 127.0.0.1');
    assert.equal(h.receiver.requests.length, 0);
  });

  it('control: the same name with WEBHOOK_ALLOW_PRIVATE=true does reach the listener', async () => {
    const config = testConfig({ WORKER_QUEUES: 'deliver', WEBHOOK_ALLOW_PRIVATE: 'true' });
    const worker = await bootstrapWorker(config, { dnsLookup: DNS });
    try {
      const endpoint = await new WebhookRepository(h.db, new WebhookSecretCipher(config)).create({
        url: `http://127.0.0.1.nip.io:${h.receiver.port}/hook`,
        description: '',
        eventTypes: ['alert.firing'],
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      });
      const pending = await new OutboxRepository(h.db).createTestDelivery(endpoint.id, '{"type":"webhook.test"}');
      assert.ok(pending);
      await worker.app.get(JobProducer).enqueue({ queue: 'deliver', name: 'deliver', data: pending });
      await h.receiver.waitForRequests(1);
      assert.ok(h.receiver.connections >= 1);
      await waitFor(async () => (await h.delivery(endpoint.id, pending.deliveryId)).status === 'delivered', {
        description: 'the control delivery',
      });
    } finally {
      await worker.close();
    }
  });
});
