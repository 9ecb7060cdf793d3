import { Injectable } from '@nestjs/common';
import type { EndpointHealth } from '@labpulse/webhooks';
import { DataSource } from 'typeorm';
import { WebhookSecretCipher } from '../secrets/webhook-secret-cipher';

export type WebhookEndpointStatus = 'enabled' | 'disabled';
export type WebhookDisabledReason = 'gone' | 'failing' | 'blocked_address' | 'manual';

/** An endpoint without its secrets: what every read returns. */
export interface WebhookEndpointRecord {
  readonly id: string;
  readonly url: string;
  readonly description: string;
  readonly eventTypes: string[];
  /** Subscribed to every event type, including types added after it was created. */
  readonly allEvents: boolean;
  readonly status: WebhookEndpointStatus;
  readonly disabledReason: WebhookDisabledReason | null;
  readonly disabledAt: Date | null;
  readonly failingSince: Date | null;
  readonly consecutiveFailures: number;
  readonly lastSuccessAt: Date | null;
  /** While set and in the future, deliveries carry a second signature with the previous secret. */
  readonly previousSecretExpiresAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The secrets, for the delivery worker only. */
export interface WebhookSigningSecrets {
  readonly secret: string;
  readonly previousSecret: string | null;
  readonly previousSecretExpiresAt: Date | null;
}

export interface NewWebhookEndpoint {
  readonly url: string;
  readonly description: string;
  readonly eventTypes: string[];
  /** No list was given: every event type, present and future (default false: the list as given). */
  readonly allEvents?: boolean;
  readonly secret: string;
}

export interface WebhookEndpointPatch {
  readonly url?: string;
  readonly description?: string;
  /** An explicit list: the endpoint stops being an all-events one. */
  readonly eventTypes?: string[];
  /** true re-enables (and resets the failure counters); false disables with reason `manual`. */
  readonly enabled?: boolean;
}

const COLUMNS = `id, url, description, event_types, all_events, status, disabled_reason, disabled_at, failing_since, consecutive_failures,
  last_success_at, previous_secret_expires_at, created_at, updated_at`;

/**
 * Webhook endpoints. Secrets are written here, sealed (WebhookSecretCipher: never in clear), and
 * read back only by `signingSecrets`.
 */
@Injectable()
export class WebhookRepository {
  constructor(
    private readonly db: DataSource,
    private readonly cipher: WebhookSecretCipher,
  ) {}

  async create(endpoint: NewWebhookEndpoint): Promise<WebhookEndpointRecord> {
    const rows = (await this.db.query(
      `INSERT INTO webhook_endpoints (url, description, event_types, all_events, secret) VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [
        endpoint.url,
        endpoint.description,
        endpoint.eventTypes,
        endpoint.allEvents ?? false,
        this.cipher.seal(endpoint.secret),
      ],
    )) as EndpointRow[];
    return toRecord(rows[0]);
  }

  async list(): Promise<WebhookEndpointRecord[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM webhook_endpoints ORDER BY created_at, id`,
    )) as EndpointRow[];
    return rows.map(toRecord);
  }

  async findById(id: string): Promise<WebhookEndpointRecord | null> {
    const rows = (await this.db.query(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = $1`, [id])) as EndpointRow[];
    return rows.length === 0 ? null : toRecord(rows[0]);
  }

  async update(id: string, patch: WebhookEndpointPatch): Promise<WebhookEndpointRecord | null> {
    const rows = (await this.db.query(
      // Wrapped in a CTE: TypeORM returns [rows, count] for a bare UPDATE ... RETURNING.
      `WITH updated AS (
       UPDATE webhook_endpoints SET
         url = coalesce($2, url),
         description = coalesce($3, description),
         event_types = coalesce($4, event_types),
         all_events = CASE WHEN $4::text[] IS NULL THEN all_events ELSE false END,
         status = CASE $5::boolean WHEN true THEN 'enabled' WHEN false THEN 'disabled' ELSE status END,
         disabled_reason = CASE $5::boolean WHEN true THEN NULL
                                            WHEN false THEN CASE WHEN status = 'disabled' THEN disabled_reason ELSE 'manual' END
                                            ELSE disabled_reason END,
         disabled_at = CASE $5::boolean WHEN true THEN NULL WHEN false THEN coalesce(disabled_at, now()) ELSE disabled_at END,
         failing_since = CASE WHEN $5::boolean THEN NULL ELSE failing_since END,
         consecutive_failures = CASE WHEN $5::boolean THEN 0 ELSE consecutive_failures END,
         updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS})
       SELECT * FROM updated`,
      [id, patch.url ?? null, patch.description ?? null, patch.eventTypes ?? null, patch.enabled ?? null],
    )) as EndpointRow[];
    return rows.length === 0 ? null : toRecord(rows[0]);
  }

  /** The endpoint's deliveries and attempts go with it. */
  async delete(id: string): Promise<boolean> {
    const rows = (await this.db.query(
      'WITH d AS (DELETE FROM webhook_endpoints WHERE id = $1 RETURNING id) SELECT id FROM d',
      [id],
    )) as unknown[];
    return rows.length > 0;
  }

  /** The current secret becomes the previous one, still signed with until `overlapUntil`. */
  async rotateSecret(id: string, secret: string, overlapUntil: Date): Promise<boolean> {
    const rows = (await this.db.query(
      `WITH r AS (
         UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = $3, secret = $2, updated_at = now()
         WHERE id = $1 RETURNING id)
       SELECT id FROM r`,
      [id, this.cipher.seal(secret), overlapUntil.toISOString()],
    )) as unknown[];
    return rows.length > 0;
  }

  async signingSecrets(id: string): Promise<WebhookSigningSecrets | null> {
    const rows = (await this.db.query(
      'SELECT secret, previous_secret, previous_secret_expires_at FROM webhook_endpoints WHERE id = $1',
      [id],
    )) as Array<{ secret: string; previous_secret: string | null; previous_secret_expires_at: Date | null }>;
    if (rows.length === 0) return null;
    const r = rows[0];
    return {
      secret: this.cipher.open(r.secret),
      previousSecret: r.previous_secret === null ? null : this.cipher.open(r.previous_secret),
      previousSecretExpiresAt: r.previous_secret_expires_at,
    };
  }

  /**
   * Re-seals every secret sealed with another key than WEBHOOK_SECRET_KEY (after a rotation), one
   * row at a time under its lock; returns how many rows changed.
   */
  async resealStale(): Promise<number> {
    const ids = (await this.db.query('SELECT id FROM webhook_endpoints ORDER BY id')) as Array<{ id: string }>;
    let changed = 0;
    for (const { id } of ids) {
      const resealed = await this.db.transaction(async (tx) => {
        const rows = (await tx.query('SELECT secret, previous_secret FROM webhook_endpoints WHERE id = $1 FOR UPDATE', [
          id,
        ])) as Array<{
          secret: string;
          previous_secret: string | null;
        }>;
        if (rows.length === 0) return false;
        const { secret, previous_secret: previous } = rows[0];
        if (!this.cipher.isStale(secret) && (previous === null || !this.cipher.isStale(previous))) return false;
        const reseal = (stored: string): string =>
          this.cipher.isStale(stored) ? this.cipher.seal(this.cipher.open(stored)) : stored;
        await tx.query('UPDATE webhook_endpoints SET secret = $2, previous_secret = $3 WHERE id = $1', [
          id,
          reseal(secret),
          previous === null ? null : reseal(previous),
        ]);
        return true;
      });
      if (resealed) changed += 1;
    }
    return changed;
  }

  /**
   * Applies one attempt's result to the endpoint's health with the row locked (concurrent
   * deliveries to one endpoint never lose a count): `next` computes the new health and whether
   * to disable the endpoint now. Returns the reason it was disabled, or null.
   */
  async updateHealth(
    id: string,
    at: Date,
    next: (health: EndpointHealth) => { health: EndpointHealth; disable: WebhookDisabledReason | null },
  ): Promise<WebhookDisabledReason | null> {
    return this.db.transaction(async (tx) => {
      const rows = (await tx.query(
        'SELECT status, failing_since, consecutive_failures, last_success_at FROM webhook_endpoints WHERE id = $1 FOR UPDATE',
        [id],
      )) as Array<{
        status: WebhookEndpointStatus;
        failing_since: Date | null;
        consecutive_failures: number;
        last_success_at: Date | null;
      }>;
      if (rows.length === 0) return null;
      const r = rows[0];
      const result = next({
        failingSince: r.failing_since?.getTime() ?? null,
        consecutiveFailures: r.consecutive_failures,
        lastSuccessAt: r.last_success_at?.getTime() ?? null,
      });
      const h = result.health;
      const disable = r.status === 'enabled' ? result.disable : null;
      await tx.query(
        `UPDATE webhook_endpoints SET failing_since = $2, consecutive_failures = $3, last_success_at = $4,
           status = CASE WHEN $5::text IS NULL THEN status ELSE 'disabled' END,
           disabled_reason = coalesce($5, disabled_reason),
           disabled_at = CASE WHEN $5::text IS NULL THEN disabled_at ELSE $6 END,
           updated_at = now()
         WHERE id = $1`,
        [
          id,
          h.failingSince === null ? null : new Date(h.failingSince).toISOString(),
          h.consecutiveFailures,
          h.lastSuccessAt === null ? null : new Date(h.lastSuccessAt).toISOString(),
          disable,
          at.toISOString(),
        ],
      );
      return disable;
    });
  }

  /** Disables an enabled endpoint (410 Gone, a blocked address); false when it already was. */
  async disable(id: string, reason: WebhookDisabledReason, at: Date): Promise<boolean> {
    const rows = (await this.db.query(
      `WITH d AS (
         UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = $2, disabled_at = $3, updated_at = now()
         WHERE id = $1 AND status = 'enabled' RETURNING id)
       SELECT id FROM d`,
      [id, reason, at.toISOString()],
    )) as unknown[];
    return rows.length > 0;
  }
}

interface EndpointRow {
  id: string;
  url: string;
  description: string;
  event_types: string[];
  all_events: boolean;
  status: WebhookEndpointStatus;
  disabled_reason: WebhookDisabledReason | null;
  disabled_at: Date | null;
  failing_since: Date | null;
  consecutive_failures: number;
  last_success_at: Date | null;
  previous_secret_expires_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

function toRecord(r: EndpointRow): WebhookEndpointRecord {
  return {
    id: r.id,
    url: r.url,
    description: r.description,
    eventTypes: r.event_types,
    allEvents: r.all_events,
    status: r.status,
    disabledReason: r.disabled_reason,
    disabledAt: r.disabled_at,
    failingSince: r.failing_since,
    consecutiveFailures: r.consecutive_failures,
    lastSuccessAt: r.last_success_at,
    previousSecretExpiresAt: r.previous_secret_expires_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
