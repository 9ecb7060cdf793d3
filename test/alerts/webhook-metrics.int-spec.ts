import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { waitFor } from '@labpulse/testing';
import { listeningPort } from '../../apps/worker/src/health/worker-health.server';
import { AlertingHarness } from './alerting-harness';

/** Webhook delivery outcomes on the worker's /metrics, through the real deliver queue and a real receiver. */
let h: AlertingHarness;

before(async () => {
  h = await AlertingHarness.start({ WEBHOOK_TIMEOUT_MS: '400' });
});
after(async () => {
  await h?.close();
});

async function outcomes(): Promise<Record<string, number>> {
  const res = await fetch(`http://127.0.0.1:${listeningPort(h.worker.health)}/metrics`);
  assert.equal(res.status, 200);
  const counts: Record<string, number> = {};
  for (const match of (await res.text()).matchAll(
    /^labpulse_webhook_delivery_attempts_total\{outcome="([a-z_]+)"\} (\d+)$/gm,
  ))
    counts[match[1]] = Number(match[2]);
  return counts;
}

test('each attempt is counted by outcome: a 500 is a retry, the next 200 a delivery', async () => {
  const before = await outcomes();
  const endpoint = await h.createEndpoint();
  h.receiver.respondWith({ status: 500 }, { status: 200 });
  const deliveryId = await h.sendTest(endpoint.id);
  assert.equal((await h.settled(endpoint.id, deliveryId)).status, 'delivered');
  const after = await waitFor(
    async () => {
      const now = await outcomes();
      return (now.delivered ?? 0) > (before.delivered ?? 0) ? now : undefined;
    },
    { description: 'the delivered counter to move', timeoutMs: 10_000 },
  );
  assert.equal((after.retry ?? 0) - (before.retry ?? 0), 1);
  assert.equal((after.delivered ?? 0) - (before.delivered ?? 0), 1);
});
