import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@labpulse/config';
import { type DeliverPayload, JobProducer } from '@labpulse/queue';
import {
  type TestApiKey,
  createTestApiKey,
  FastForwardClock,
  openTestDatabase,
  resetData,
  testConfig,
  waitFor,
  WebhookReceiver,
} from '@labpulse/testing';
import { createApiApp } from '../../apps/api/src/bootstrap-api';
import type { DeliveryDetailView, WebhookView } from '../../apps/api/src/webhooks/webhook-views';
import { bootstrapWorker, type RunningWorker } from '../../apps/worker/src/bootstrap-worker';
import type { WorkerOverrides } from '../../apps/worker/src/worker-overrides';

/** What the API answers for a delivery and an endpoint (the product's own view types). */
export type DeliveryDetail = DeliveryDetailView;
export type EndpointView = WebhookView & { secret?: string };

/**
 * The worker (deliver and/or evaluate queues, a fast-forward clock) and the API booted in this
 * process on the run's database, an admin API key, and a webhook receiver on 127.0.0.1.
 */
export class AlertingHarness {
  private constructor(
    readonly config: AppConfig,
    readonly db: DataSource,
    readonly worker: RunningWorker,
    readonly api: INestApplication,
    readonly base: string,
    readonly admin: TestApiKey,
    readonly receiver: WebhookReceiver,
    readonly clock: FastForwardClock,
  ) {}

  static async start(
    env: Record<string, string> = {},
    overrides: WorkerOverrides & { clock?: FastForwardClock } = {},
  ): Promise<AlertingHarness> {
    const config = testConfig({
      WORKER_QUEUES: 'deliver',
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_REQUIRE_HTTPS: 'false',
      // The scheduled pass stays out of the way: tests evaluate at pinned instants themselves.
      ALERT_EVALUATION_INTERVAL_MS: '3600000',
      ...env,
    });
    const db = await openTestDatabase(config);
    await resetData(db);
    const clock = overrides.clock ?? new FastForwardClock(Date.UTC(2026, 10, 1, 12, 0, 0));
    const worker = await bootstrapWorker(config, { ...overrides, clock });
    const api = await createApiApp(config);
    await api.listen(0, '127.0.0.1');
    const base = (await api.getUrl()).replace('[::1]', '127.0.0.1');
    const admin = await createTestApiKey(db, 'admin');
    const receiver = await WebhookReceiver.start();
    return new AlertingHarness(config, db, worker, api, base, admin, receiver, clock);
  }

  get jobs(): JobProducer {
    return this.worker.app.get(JobProducer);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...this.admin.headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text === '' ? null : JSON.parse(text)) as T };
  }

  /** Registers an endpoint through the API (default: this harness's receiver). */
  async createEndpoint(body: Record<string, unknown> = {}): Promise<EndpointView & { secret: string }> {
    const res = await this.request<EndpointView & { secret: string }>('POST', '/v1/webhooks', {
      url: this.receiver.url,
      ...body,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body;
  }

  async endpoint(id: string): Promise<EndpointView> {
    const res = await this.request<EndpointView>('GET', `/v1/webhooks/${id}`);
    assert.equal(res.status, 200);
    return res.body;
  }

  /** POST /v1/webhooks/:id/test; returns the delivery id. */
  async sendTest(endpointId: string): Promise<string> {
    const res = await this.request<{ id: string }>('POST', `/v1/webhooks/${endpointId}/test`);
    assert.equal(res.status, 202, JSON.stringify(res.body));
    return res.body.id;
  }

  async delivery(endpointId: string, deliveryId: string): Promise<DeliveryDetail> {
    const res = await this.request<DeliveryDetail>('GET', `/v1/webhooks/${endpointId}/deliveries/${deliveryId}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body;
  }

  /** Waits (bounded) until the delivery leaves `pending`, and returns it. */
  async settled(endpointId: string, deliveryId: string, timeoutMs = 20_000): Promise<DeliveryDetail> {
    return waitFor(
      async () => {
        const d = await this.delivery(endpointId, deliveryId);
        return d.status !== 'pending' ? d : undefined;
      },
      { description: `delivery ${deliveryId} to settle`, timeoutMs },
    );
  }

  async deliverJob(payload: DeliverPayload): Promise<{ state: string; attemptsMade: number } | null> {
    const job = await this.jobs
      .queue('deliver')
      .getJob(payload.round === 0 ? payload.deliveryId : `${payload.deliveryId}-r${payload.round}`);
    if (!job) return null;
    return { state: await job.getState(), attemptsMade: job.attemptsMade };
  }

  /**
   * The delivery job once BullMQ has finished with it. The delivery record settles inside the job,
   * a moment before BullMQ marks the job completed or failed, so a test reading both must wait.
   */
  async finishedDeliverJob(payload: DeliverPayload): Promise<{ state: string; attemptsMade: number } | null> {
    let last: { state: string; attemptsMade: number } | null = null;
    await waitFor(
      async () => {
        last = await this.deliverJob(payload);
        return last !== null && (last.state === 'completed' || last.state === 'failed');
      },
      { description: `deliver job ${payload.deliveryId} round ${payload.round} finished` },
    );
    return last;
  }

  async close(): Promise<void> {
    await this.api?.close();
    await this.worker?.close();
    await this.receiver?.close();
    await this.db?.destroy();
  }
}
