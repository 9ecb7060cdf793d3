import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { webhookMessageId } from '@labpulse/alerts';
import {
  DEFAULT_RETRY_POLICY,
  type RetryPolicy,
  buildWebhookHeaders,
  checkWebhookUrl,
  classifyDeliveryResponse,
  endpointDisableReason,
  nextRetryDelayMs,
  recordAttemptResult,
} from '@labpulse/webhooks';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { AppMetrics } from '@labpulse/observability';
import {
  type AttemptResult,
  type DeliveryForAttempt,
  WebhookDeliveryRepository,
  WebhookRepository,
} from '@labpulse/persistence';
import { CLOCK, type Clock } from '../common/clock';
import { RetryLaterError } from './delivery-errors';
import { WebhookHttpClient, type WebhookHttpResult } from './webhook-http.client';

const USER_AGENT = 'LabPulse-Webhooks/1';

export interface DeliverySummary {
  outcome: 'delivered' | 'skipped';
  attempt?: number;
  reason?: string;
}

interface Started {
  readonly delivery: DeliveryForAttempt;
  readonly attemptId: string;
  readonly attempt: number;
  readonly at: Date;
  readonly startedMs: number;
}

/**
 * One delivery attempt: re-read the delivery and its endpoint, sign the stored body with Standard
 * Webhooks headers (both secrets during a rotation), POST it, log the attempt, and decide: done,
 * retry on the schedule (Retry-After as a floor), or stop (410 Gone, a blocked address, attempts
 * exhausted), disabling the endpoint when that is the reason.
 */
@Injectable()
export class DeliveryService {
  private readonly logger = new Logger(DeliveryService.name);
  private readonly policy: RetryPolicy;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly endpoints: WebhookRepository,
    private readonly http: WebhookHttpClient,
    private readonly metrics: AppMetrics,
  ) {
    this.policy = { ...DEFAULT_RETRY_POLICY, delaysMs: config.webhooks.retryDelaysMs };
  }

  async attempt(deliveryId: string, round: number): Promise<DeliverySummary> {
    const delivery = await this.deliveries.loadForAttempt(deliveryId);
    // A replay started a newer round, or the endpoint (and its deliveries) is gone: nothing to do.
    if (!delivery || delivery.round !== round) return { outcome: 'skipped', reason: 'superseded or deleted' };
    if (delivery.status !== 'pending') return { outcome: 'skipped', reason: `already ${delivery.status}` };
    if (delivery.endpointStatus !== 'enabled') {
      const reason = `endpoint disabled (${delivery.disabledReason ?? 'manual'})`;
      await this.deliveries.markSkipped(deliveryId, round, reason);
      return { outcome: 'skipped', reason };
    }
    const now = this.clock.now();
    const at = new Date(now);
    const headers = buildWebhookHeaders(
      webhookMessageId(delivery.deliveryId),
      at,
      delivery.body,
      this.secrets(delivery, now),
    );
    const begun = await this.deliveries.beginAttempt(deliveryId, round, at, Number(headers['webhook-timestamp']));
    if (!begun) return { outcome: 'skipped', reason: 'no longer pending' };
    const started: Started = {
      delivery,
      attemptId: begun.attemptId,
      attempt: begun.attempt,
      at,
      startedMs: performance.now(),
    };

    // Literal addresses never reach the guarded lookup (net.connect skips it), so check the stored URL too.
    // Its scheme and port were checked when it was saved.
    const check = checkWebhookUrl(delivery.url, {
      allowPrivate: this.config.webhooks.allowPrivate,
      requireHttps: false,
      allowAnyPort: true,
    });
    if (!check.ok) return this.blocked(started, `url ${check.error}`);

    const result = await this.http.post(
      delivery.url,
      { ...headers, 'content-type': 'application/json', 'user-agent': USER_AGENT },
      delivery.body,
    );
    return this.settle(started, result);
  }

  private secrets(delivery: DeliveryForAttempt, now: number): string[] {
    const overlap =
      delivery.previousSecret !== null &&
      delivery.previousSecretExpiresAt !== null &&
      delivery.previousSecretExpiresAt.getTime() > now;
    return overlap ? [delivery.secret, delivery.previousSecret] : [delivery.secret];
  }

  private async settle(started: Started, result: WebhookHttpResult): Promise<DeliverySummary> {
    if (result.kind === 'error') {
      if (result.errorClass === 'blocked_address') return this.blocked(started, result.message);
      return this.failed(started, {
        statusCode: null,
        errorClass: result.errorClass,
        error: result.message,
        snippet: null,
        retryAfterMs: null,
      });
    }
    const outcome = classifyDeliveryResponse(result.status, result.headers, started.at.getTime());
    const base = { statusCode: result.status, snippet: result.snippet };
    switch (outcome.kind) {
      case 'delivered':
        await this.finish(started, {
          ...base,
          outcome: 'delivered',
          deliveryStatus: 'delivered',
          errorClass: null,
          error: null,
          nextAttemptAt: null,
        });
        await this.endpoints.updateHealth(started.delivery.endpointId, started.at, (h) => ({
          health: recordAttemptResult(h, true, started.at.getTime()),
          disable: null,
        }));
        return { outcome: 'delivered', attempt: started.attempt };
      case 'gone':
        await this.finish(started, {
          ...base,
          outcome: 'gone',
          deliveryStatus: 'failed',
          errorClass: 'http',
          error: 'http 410: endpoint disabled',
          nextAttemptAt: null,
        });
        await this.endpoints.disable(started.delivery.endpointId, 'gone', started.at);
        this.logger.warn(`webhook endpoint ${started.delivery.endpointId} answered 410 Gone: disabled`);
        throw new UnrecoverableError('410 Gone: the endpoint is disabled');
      case 'aborted':
        await this.finish(started, {
          ...base,
          outcome: 'aborted',
          deliveryStatus: 'failed',
          errorClass: 'http',
          error: 'receiver aborted the message',
          nextAttemptAt: null,
        });
        throw new UnrecoverableError('the receiver aborted this message (webhook-delivery: abort-message)');
      case 'retry':
        return this.failed(started, {
          ...base,
          errorClass: 'http',
          error: outcome.reason,
          retryAfterMs: outcome.retryAfterMs,
        });
    }
  }

  /** A failed attempt: count it against the endpoint, then schedule the next one or give up. */
  private async failed(
    started: Started,
    f: {
      statusCode: number | null;
      errorClass: string;
      error: string;
      snippet: string | null;
      retryAfterMs: number | null;
    },
  ): Promise<never> {
    const now = started.at.getTime();
    const disabled = await this.endpoints.updateHealth(started.delivery.endpointId, started.at, (h) => {
      const health = recordAttemptResult(h, false, now);
      return { health, disable: endpointDisableReason(health, now) };
    });
    const base = { statusCode: f.statusCode, errorClass: f.errorClass, snippet: f.snippet };
    if (disabled) {
      await this.finish(started, {
        ...base,
        outcome: 'exhausted',
        deliveryStatus: 'failed',
        error: `${f.error}; endpoint disabled (${disabled})`,
        nextAttemptAt: null,
      });
      this.logger.warn(`webhook endpoint ${started.delivery.endpointId} disabled: ${disabled}`);
      throw new UnrecoverableError(`endpoint disabled (${disabled})`);
    }
    const delay = nextRetryDelayMs(started.attempt, { retryAfterMs: f.retryAfterMs }, this.policy);
    if (delay === null) {
      await this.finish(started, {
        ...base,
        outcome: 'exhausted',
        deliveryStatus: 'failed',
        error: f.error,
        nextAttemptAt: null,
      });
      throw new UnrecoverableError(`gave up after ${started.attempt} attempt(s): ${f.error}`);
    }
    await this.finish(started, {
      ...base,
      outcome: 'retry',
      deliveryStatus: 'pending',
      error: f.error,
      nextAttemptAt: new Date(now + delay),
    });
    throw new RetryLaterError(
      this.clock.realDelayMs(delay),
      `attempt ${started.attempt} failed (${f.error}); next in ${delay} ms`,
    );
  }

  /** The target resolves (or is) an address deliveries may not reach: stop, and disable the endpoint. */
  private async blocked(started: Started, error: string): Promise<never> {
    await this.finish(started, {
      outcome: 'blocked',
      deliveryStatus: 'failed',
      statusCode: null,
      errorClass: 'blocked_address',
      error,
      snippet: null,
      nextAttemptAt: null,
    });
    await this.endpoints.disable(started.delivery.endpointId, 'blocked_address', started.at);
    this.logger.warn(`webhook endpoint ${started.delivery.endpointId} disabled: blocked address (${error})`);
    throw new UnrecoverableError(`blocked address: ${error}`);
  }

  private finish(
    started: Started,
    r: Omit<AttemptResult, 'durationMs' | 'responseSnippet' | 'at'> & { snippet: string | null },
  ): Promise<void> {
    const { snippet, ...rest } = r;
    this.metrics.webhookDeliveries.inc({ outcome: r.outcome });
    return this.deliveries.finishAttempt(started.attemptId, started.delivery.deliveryId, started.delivery.round, {
      ...rest,
      responseSnippet: snippet,
      durationMs: performance.now() - started.startedMs,
      at: started.at,
    });
  }
}
