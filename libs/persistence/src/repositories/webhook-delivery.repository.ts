import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WebhookSecretCipher } from '../secrets/webhook-secret-cipher';
import type { PendingDelivery } from './outbox.repository';
import type { WebhookDisabledReason, WebhookEndpointStatus } from './webhook.repository';

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed' | 'skipped';
export type WebhookAttemptOutcome = 'delivered' | 'retry' | 'gone' | 'aborted' | 'blocked' | 'exhausted';

/** A delivery joined with its endpoint and secrets: what one attempt needs. */
export interface DeliveryForAttempt {
  readonly deliveryId: string;
  readonly round: number;
  readonly status: WebhookDeliveryStatus;
  readonly eventType: string;
  /** The exact bytes to sign and send. */
  readonly body: string;
  readonly endpointId: string;
  readonly url: string;
  readonly endpointStatus: WebhookEndpointStatus;
  readonly disabledReason: WebhookDisabledReason | null;
  readonly secret: string;
  readonly previousSecret: string | null;
  readonly previousSecretExpiresAt: Date | null;
}

export interface AttemptResult {
  readonly outcome: WebhookAttemptOutcome;
  readonly durationMs: number;
  readonly statusCode: number | null;
  /** timeout, connection, dns, blocked_address, http, ... */
  readonly errorClass: string | null;
  readonly error: string | null;
  /** At most 4 KiB of the response body. */
  readonly responseSnippet: string | null;
  /** When the next attempt is due; null when there is none. */
  readonly nextAttemptAt: Date | null;
  /** The delivery's status after this attempt. */
  readonly deliveryStatus: WebhookDeliveryStatus;
  readonly at: Date;
}

export interface WebhookDeliveryRecord {
  readonly id: string;
  readonly seq: string;
  readonly endpointId: string;
  readonly eventId: string | null;
  readonly eventType: string;
  readonly status: WebhookDeliveryStatus;
  readonly round: number;
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly lastAttemptAt: Date | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly deliveredAt: Date | null;
  readonly createdAt: Date;
}

export interface WebhookAttemptRecord {
  readonly round: number;
  readonly attempt: number;
  readonly startedAt: Date;
  readonly webhookTimestamp: number;
  readonly durationMs: number | null;
  readonly statusCode: number | null;
  /** Null while in flight, or when the worker died mid-attempt. */
  readonly outcome: WebhookAttemptOutcome | null;
  readonly errorClass: string | null;
  readonly error: string | null;
  readonly responseSnippet: string | null;
  readonly nextAttemptAt: Date | null;
}

const DELIVERY_COLUMNS = `id, seq::text AS seq, endpoint_id, event_id, event_type, status, round, attempts, next_attempt_at,
  last_attempt_at, last_status_code, last_error, delivered_at, created_at`;

/** Webhook deliveries (the outbox rows) and their attempt log. */
@Injectable()
export class WebhookDeliveryRepository {
  constructor(
    private readonly db: DataSource,
    private readonly cipher: WebhookSecretCipher,
  ) {}

  async loadForAttempt(deliveryId: string): Promise<DeliveryForAttempt | null> {
    const rows = (await this.db.query(
      `SELECT d.id, d.round, d.status, d.event_type, d.body, e.id AS endpoint_id, e.url, e.status AS endpoint_status, e.disabled_reason,
         e.secret, e.previous_secret, e.previous_secret_expires_at
       FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE d.id = $1`,
      [deliveryId],
    )) as Array<{
      id: string;
      round: number;
      status: WebhookDeliveryStatus;
      event_type: string;
      body: string;
      endpoint_id: string;
      url: string;
      endpoint_status: WebhookEndpointStatus;
      disabled_reason: WebhookDisabledReason | null;
      secret: string;
      previous_secret: string | null;
      previous_secret_expires_at: Date | null;
    }>;
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      deliveryId: r.id,
      round: r.round,
      status: r.status,
      eventType: r.event_type,
      body: r.body,
      endpointId: r.endpoint_id,
      url: r.url,
      endpointStatus: r.endpoint_status,
      disabledReason: r.disabled_reason,
      secret: this.cipher.open(r.secret),
      previousSecret: r.previous_secret === null ? null : this.cipher.open(r.previous_secret),
      previousSecretExpiresAt: r.previous_secret_expires_at,
    };
  }

  /**
   * Counts and logs an attempt before the request is sent, so an attempt cut short by a crash
   * still shows (with no outcome). Null when the delivery is no longer pending in this round.
   */
  async beginAttempt(
    deliveryId: string,
    round: number,
    startedAt: Date,
    webhookTimestamp: number,
  ): Promise<{ attemptId: string; attempt: number } | null> {
    return this.db.transaction(async (tx) => {
      const rows = (await tx.query(
        `WITH d AS (
           UPDATE webhook_deliveries SET attempts = attempts + 1, last_attempt_at = $3, updated_at = now()
           WHERE id = $1 AND round = $2 AND status = 'pending' RETURNING attempts)
         SELECT attempts FROM d`,
        [deliveryId, round, startedAt.toISOString()],
      )) as Array<{ attempts: number }>;
      if (rows.length === 0) return null;
      const attempt = rows[0].attempts;
      const inserted = (await tx.query(
        `INSERT INTO webhook_attempts (delivery_id, round, attempt, started_at, webhook_timestamp) VALUES ($1, $2, $3, $4, $5)
         RETURNING id::text AS id`,
        [deliveryId, round, attempt, startedAt.toISOString(), webhookTimestamp],
      )) as Array<{ id: string }>;
      return { attemptId: inserted[0].id, attempt };
    });
  }

  async finishAttempt(attemptId: string, deliveryId: string, round: number, result: AttemptResult): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `UPDATE webhook_attempts SET outcome = $2, duration_ms = $3, status_code = $4, error_class = $5, error = $6,
           response_snippet = $7, next_attempt_at = $8
         WHERE id = $1`,
        [
          attemptId,
          result.outcome,
          Math.round(result.durationMs),
          result.statusCode,
          result.errorClass,
          result.error,
          result.responseSnippet,
          result.nextAttemptAt?.toISOString() ?? null,
        ],
      );
      await tx.query(
        `UPDATE webhook_deliveries SET status = $3, next_attempt_at = $4, last_status_code = $5, last_error = $6,
           delivered_at = CASE WHEN $3 = 'delivered' THEN $7::timestamptz ELSE delivered_at END, updated_at = now()
         WHERE id = $1 AND round = $2 AND status = 'pending'`,
        [
          deliveryId,
          round,
          result.deliveryStatus,
          result.nextAttemptAt?.toISOString() ?? null,
          result.statusCode,
          result.error,
          result.at.toISOString(),
        ],
      );
    });
  }

  /** A pending delivery that will not be attempted (endpoint disabled or deleted). */
  async markSkipped(deliveryId: string, round: number, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET status = 'skipped', last_error = $3, next_attempt_at = NULL, updated_at = now()
       WHERE id = $1 AND round = $2 AND status = 'pending'`,
      [deliveryId, round, reason],
    );
  }

  /** Ends a pending delivery as failed without an HTTP attempt (e.g. an invalid stored URL). */
  async markFailed(deliveryId: string, round: number, reason: string): Promise<void> {
    await this.db.query(
      `UPDATE webhook_deliveries SET status = 'failed', last_error = $3, next_attempt_at = NULL, updated_at = now()
       WHERE id = $1 AND round = $2 AND status = 'pending'`,
      [deliveryId, round, reason],
    );
  }

  /** Newest first, keyset-paginated on seq. */
  async list(
    endpointId: string,
    filter: { status?: WebhookDeliveryStatus; eventType?: string },
    beforeSeq: string | null,
    limit: number,
  ): Promise<{ deliveries: WebhookDeliveryRecord[]; next: string | null }> {
    const rows = (await this.db.query(
      // ORDER BY the table's column: the output column of the same name is text.
      `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d
       WHERE endpoint_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR event_type = $3)
         AND ($4::bigint IS NULL OR seq < $4)
       ORDER BY d.seq DESC LIMIT $5`,
      [endpointId, filter.status ?? null, filter.eventType ?? null, beforeSeq, limit + 1],
    )) as DeliveryRow[];
    const deliveries = rows.slice(0, limit).map(toDelivery);
    return { deliveries, next: rows.length > limit ? deliveries[deliveries.length - 1].seq : null };
  }

  async findById(endpointId: string, deliveryId: string): Promise<(WebhookDeliveryRecord & { body: string }) | null> {
    const rows = (await this.db.query(
      `SELECT ${DELIVERY_COLUMNS}, body FROM webhook_deliveries WHERE id = $1 AND endpoint_id = $2`,
      [deliveryId, endpointId],
    )) as Array<DeliveryRow & { body: string }>;
    return rows.length === 0 ? null : { ...toDelivery(rows[0]), body: rows[0].body };
  }

  async attempts(deliveryId: string): Promise<WebhookAttemptRecord[]> {
    const rows = (await this.db.query(
      `SELECT round, attempt, started_at, webhook_timestamp::text AS webhook_timestamp, duration_ms, status_code, outcome, error_class,
         error, response_snippet, next_attempt_at
       FROM webhook_attempts WHERE delivery_id = $1 ORDER BY round, attempt`,
      [deliveryId],
    )) as Array<{
      round: number;
      attempt: number;
      started_at: Date;
      webhook_timestamp: string;
      duration_ms: number | null;
      status_code: number | null;
      outcome: WebhookAttemptOutcome | null;
      error_class: string | null;
      error: string | null;
      response_snippet: string | null;
      next_attempt_at: Date | null;
    }>;
    return rows.map((r) => ({
      round: r.round,
      attempt: r.attempt,
      startedAt: r.started_at,
      webhookTimestamp: Number(r.webhook_timestamp),
      durationMs: r.duration_ms,
      statusCode: r.status_code,
      outcome: r.outcome,
      errorClass: r.error_class,
      error: r.error,
      responseSnippet: r.response_snippet,
      nextAttemptAt: r.next_attempt_at,
    }));
  }

  /**
   * Starts a new round of attempts (same body, same webhook-id): a manual redelivery. The
   * previous round's job, if still scheduled, sees the new round and stops. Null if unknown.
   */
  async replay(endpointId: string, deliveryId: string): Promise<PendingDelivery | null> {
    const rows = (await this.db.query(
      `WITH r AS (
         UPDATE webhook_deliveries SET round = round + 1, status = 'pending', attempts = 0, next_attempt_at = NULL, last_error = NULL,
           updated_at = now()
         WHERE id = $1 AND endpoint_id = $2 RETURNING id, round)
       SELECT id, round FROM r`,
      [deliveryId, endpointId],
    )) as Array<{ id: string; round: number }>;
    return rows.length === 0 ? null : { deliveryId: rows[0].id, round: rows[0].round };
  }
}

interface DeliveryRow {
  id: string;
  seq: string;
  endpoint_id: string;
  event_id: string | null;
  event_type: string;
  status: WebhookDeliveryStatus;
  round: number;
  attempts: number;
  next_attempt_at: Date | null;
  last_attempt_at: Date | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
}

function toDelivery(r: DeliveryRow): WebhookDeliveryRecord {
  return {
    id: r.id,
    seq: r.seq,
    endpointId: r.endpoint_id,
    eventId: r.event_id,
    eventType: r.event_type,
    status: r.status,
    round: r.round,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastAttemptAt: r.last_attempt_at,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    deliveredAt: r.delivered_at,
    createdAt: r.created_at,
  };
}
