import { ConflictException, Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { buildWebhookTestPayload, serializeWebhookPayload, webhookMessageId } from '@labpulse/alerts';
import { checkWebhookSecret, checkWebhookUrl, generateWebhookSecret } from '@labpulse/webhooks';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import {
  OutboxRepository,
  type PendingDelivery,
  WebhookDeliveryRepository,
  type WebhookEndpointRecord,
  WebhookRepository,
  WebhookSecretCipher,
} from '@labpulse/persistence';
import { JobProducer } from '@labpulse/queue';
import { type ParameterError, InvalidParametersException } from '../common/invalid-parameters.exception';
import type { Page } from '../alerts/alerts.service';
import { SEQ_PAGE_DEFAULT, decodeSeqCursor, encodeSeqCursor } from '../common/seq-cursor';
import type { CreateWebhookDto } from './create-webhook.dto';
import type { ListDeliveriesQueryDto } from './list-deliveries-query.dto';
import type { UpdateWebhookDto } from './update-webhook.dto';
import { SUBSCRIBABLE_EVENT_TYPES } from './webhook-fields';
import {
  type DeliveryDetailView,
  type DeliveryView,
  type WebhookView,
  type WebhookWithSecretView,
  toAttemptView,
  toDeliveryView,
  toWebhookView,
} from './webhook-views';

// During a rotation deliveries carry both signatures this long, so receivers can switch without a gap.
const ROTATION_OVERLAP_MS = 24 * 3_600_000;

/**
 * Webhook endpoints and their delivery log. Secrets leave this service only in the answers to
 * creation and rotation; they are never logged.
 */
@Injectable()
export class WebhooksService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly endpoints: WebhookRepository,
    private readonly deliveries: WebhookDeliveryRepository,
    private readonly outbox: OutboxRepository,
    private readonly jobs: JobProducer,
    private readonly cipher: WebhookSecretCipher,
  ) {}

  async create(dto: CreateWebhookDto): Promise<WebhookWithSecretView> {
    this.requireSecretKey();
    const errors: ParameterError[] = [];
    const url = this.checkUrl(dto.url, errors);
    // null is not "omitted" here: a caller who sends it meant some secret, and gets told what is accepted.
    if (dto.secret === null)
      errors.push({
        parameter: 'secret',
        message: 'secret must be a whsec_ secret of 24 to 64 bytes, or left out to have one generated',
      });
    else if (dto.secret !== undefined) {
      const problem = checkWebhookSecret(dto.secret);
      if (problem) errors.push({ parameter: 'secret', message: `secret ${problem}` });
    }
    if (errors.length > 0) throw new InvalidParametersException(errors);
    const secret = dto.secret ?? generateWebhookSecret();
    const created = await this.endpoints.create({
      url,
      description: dto.description ?? '',
      eventTypes: dto.eventTypes ?? [...SUBSCRIBABLE_EVENT_TYPES],
      allEvents: dto.eventTypes === undefined,
      secret,
    });
    return { ...toWebhookView(created), secret };
  }

  async list(): Promise<{ data: WebhookView[] }> {
    return { data: (await this.endpoints.list()).map(toWebhookView) };
  }

  async get(id: string): Promise<WebhookView> {
    return toWebhookView(await this.require(id));
  }

  async update(id: string, dto: UpdateWebhookDto): Promise<WebhookView> {
    const errors: ParameterError[] = [];
    // null, like an omitted field, leaves the URL as it is (IsOptional lets null through the DTO).
    const url = dto.url === undefined || dto.url === null ? undefined : this.checkUrl(dto.url, errors);
    if (errors.length > 0) throw new InvalidParametersException(errors);
    const updated = await this.endpoints.update(id, {
      url,
      description: dto.description,
      eventTypes: dto.eventTypes,
      enabled: dto.enabled,
    });
    if (!updated) throw notFound(id);
    return toWebhookView(updated);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.endpoints.delete(id))) throw notFound(id);
  }

  /** A new secret, shown once; the old one keeps signing (as a second signature) for 24 h. */
  async rotateSecret(id: string): Promise<WebhookWithSecretView> {
    this.requireSecretKey();
    const secret = generateWebhookSecret();
    if (!(await this.endpoints.rotateSecret(id, secret, new Date(Date.now() + ROTATION_OVERLAP_MS))))
      throw notFound(id);
    return { ...toWebhookView(await this.require(id)), secret };
  }

  /** Queues a signed `webhook.test` delivery; it shows in the delivery log like any other. */
  async sendTest(id: string): Promise<DeliveryView> {
    const endpoint = await this.require(id);
    if (endpoint.status !== 'enabled')
      throw new ConflictException(`webhook ${id} is disabled (${endpoint.disabledReason}); enable it first`);
    const body = serializeWebhookPayload(buildWebhookTestPayload(id, new Date()));
    const pending = await this.outbox.createTestDelivery(id, body);
    if (!pending) throw new ConflictException(`webhook ${id} is disabled; enable it first`);
    await this.queue(pending);
    return this.deliveryView(id, pending.deliveryId);
  }

  async listDeliveries(id: string, query: ListDeliveriesQueryDto): Promise<Page<DeliveryView>> {
    await this.require(id);
    const page = await this.deliveries.list(
      id,
      { status: query.status, eventType: query.eventType },
      decodeSeqCursor(query.cursor),
      query.limit ?? SEQ_PAGE_DEFAULT,
    );
    return {
      data: page.deliveries.map((d) => toDeliveryView(d, webhookMessageId(d.id))),
      nextCursor: page.next === null ? null : encodeSeqCursor(page.next),
    };
  }

  async getDelivery(id: string, deliveryId: string): Promise<DeliveryDetailView> {
    const delivery = await this.deliveries.findById(id, deliveryId);
    if (!delivery) throw new NotFoundException(`no delivery ${deliveryId} for webhook ${id}`);
    const attempts = await this.deliveries.attempts(deliveryId);
    return {
      ...toDeliveryView(delivery, webhookMessageId(delivery.id)),
      body: delivery.body,
      attemptLog: attempts.map(toAttemptView),
    };
  }

  /** Sends a delivery again as a new round of attempts: same body, same webhook-id. */
  async replay(id: string, deliveryId: string): Promise<DeliveryView> {
    const endpoint = await this.require(id);
    if (endpoint.status !== 'enabled')
      throw new ConflictException(`webhook ${id} is disabled (${endpoint.disabledReason}); enable it first`);
    const pending = await this.deliveries.replay(id, deliveryId);
    if (!pending) throw new NotFoundException(`no delivery ${deliveryId} for webhook ${id}`);
    await this.queue(pending);
    return this.deliveryView(id, deliveryId);
  }

  /** Secrets are only ever stored encrypted: without the key, none is created (a server setting, not the caller's fault). */
  private requireSecretKey(): void {
    if (!this.cipher.canSeal) {
      throw new ServiceUnavailableException(
        'webhooks cannot be created or rotated here: the server has no WEBHOOK_SECRET_KEY to encrypt their secrets with (see docs/security.md, "Webhook secrets at rest")',
      );
    }
  }

  private checkUrl(raw: string, errors: ParameterError[]): string {
    const check = checkWebhookUrl(raw, {
      allowPrivate: this.config.webhooks.allowPrivate,
      requireHttps: this.config.webhooks.requireHttps,
    });
    if (!check.ok) {
      errors.push({ parameter: 'url', message: `url ${check.error}` });
      return raw;
    }
    return check.url.toString();
  }

  private async queue(pending: PendingDelivery): Promise<void> {
    await this.jobs.enqueue({
      queue: 'deliver',
      name: 'deliver',
      data: { deliveryId: pending.deliveryId, round: pending.round },
    });
  }

  private async deliveryView(id: string, deliveryId: string): Promise<DeliveryView> {
    const delivery = await this.deliveries.findById(id, deliveryId);
    if (!delivery) throw new NotFoundException(`no delivery ${deliveryId} for webhook ${id}`);
    const { body: _body, ...record } = delivery;
    return toDeliveryView(record, webhookMessageId(delivery.id));
  }

  private async require(id: string): Promise<WebhookEndpointRecord> {
    const endpoint = await this.endpoints.findById(id);
    if (!endpoint) throw notFound(id);
    return endpoint;
  }
}

function notFound(id: string): NotFoundException {
  return new NotFoundException(`no webhook ${id}`);
}
