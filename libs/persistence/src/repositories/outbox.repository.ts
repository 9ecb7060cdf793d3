import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** An event to notify: stored once per dedupe key, with one delivery per subscribed endpoint. */
export interface NewOutboxEvent {
  /** Webhook event type: alert.firing, source.failing, ... */
  readonly type: string;
  /** What makes the event happen once: alert:<id>:<sequence>, source-failing:<id>:<since>. */
  readonly dedupeKey: string;
  readonly alertId: string | null;
  readonly sourceId: string | null;
  readonly sequence: number | null;
  readonly occurredAt: Date;
  /** The payload as JSON text, minified once: stored as the event and, byte for byte, as each delivery's body. */
  readonly body: string;
}

/** A delivery the dispatcher must queue (jobId = delivery id, so queueing twice is harmless). */
export interface PendingDelivery {
  readonly deliveryId: string;
  readonly round: number;
}

/**
 * The transactional outbox: events and their deliveries are written in the same transaction as
 * the change that caused them, so a crash never loses or invents a notification. A dispatcher
 * queues the pending deliveries after the commit, and a sweep re-queues any a crash stranded.
 */
@Injectable()
export class OutboxRepository {
  constructor(private readonly db: DataSource) {}

  /**
   * Inside the caller's transaction. Enabled endpoints subscribed to the type get a pending
   * delivery; disabled ones a skipped delivery (visible in the log, never attempted).
   */
  async writeEvents(tx: EntityManager, events: readonly NewOutboxEvent[]): Promise<PendingDelivery[]> {
    const pending: PendingDelivery[] = [];
    for (const event of events) {
      const rows = (await tx.query(
        `WITH ev AS (
           INSERT INTO alert_events (alert_id, source_id, type, sequence, dedupe_key, occurred_at, payload)
           VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)
           ON CONFLICT (dedupe_key) DO NOTHING
           RETURNING id, type)
         INSERT INTO webhook_deliveries (endpoint_id, event_id, event_type, body, status, last_error)
         SELECT e.id, ev.id, ev.type, $8::text, CASE WHEN e.status = 'enabled' THEN 'pending' ELSE 'skipped' END,
                CASE WHEN e.status = 'enabled' THEN NULL ELSE 'endpoint disabled (' || coalesce(e.disabled_reason, 'manual') || ')' END
         FROM ev JOIN webhook_endpoints e ON e.all_events OR ev.type = ANY (e.event_types)
         RETURNING id, round, status`,
        [
          event.alertId,
          event.sourceId,
          event.type,
          event.sequence,
          event.dedupeKey,
          event.occurredAt.toISOString(),
          event.body,
          // Passed again as text: the delivery keeps the exact bytes, never jsonb's re-serialisation.
          event.body,
        ],
      )) as Array<{ id: string; round: number; status: string }>;
      for (const row of rows) if (row.status === 'pending') pending.push({ deliveryId: row.id, round: row.round });
    }
    return pending;
  }

  /** One event in a transaction of its own (source.failing). Nothing happens if it was already recorded. */
  writeEvent(event: NewOutboxEvent): Promise<PendingDelivery[]> {
    return this.db.transaction((tx) => this.writeEvents(tx, [event]));
  }

  /** A `webhook.test` delivery to one endpoint (no event row); null when the endpoint is missing or disabled. */
  async createTestDelivery(endpointId: string, body: string): Promise<PendingDelivery | null> {
    const rows = (await this.db.query(
      `INSERT INTO webhook_deliveries (endpoint_id, event_type, body, status)
       SELECT id, 'webhook.test', $2, 'pending' FROM webhook_endpoints WHERE id = $1 AND status = 'enabled'
       RETURNING id, round`,
      [endpointId, body],
    )) as Array<{ id: string; round: number }>;
    return rows.length === 0 ? null : { deliveryId: rows[0].id, round: rows[0].round };
  }

  /** Pending deliveries older than `olderThanMs`, for the sweep that heals a crash between commit and enqueue. */
  async strandedDeliveries(olderThanMs: number, limit: number): Promise<PendingDelivery[]> {
    const rows = (await this.db.query(
      `SELECT id, round FROM webhook_deliveries
       WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1::double precision / 1000)
       ORDER BY created_at LIMIT $2`,
      [olderThanMs, limit],
    )) as Array<{ id: string; round: number }>;
    return rows.map((r) => ({ deliveryId: r.id, round: r.round }));
  }
}
