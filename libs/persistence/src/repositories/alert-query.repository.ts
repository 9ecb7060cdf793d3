import { Injectable } from '@nestjs/common';
import type { EpisodeStatus } from '@labpulse/alerts';
import { DataSource } from 'typeorm';
import { ALERT_COLUMNS, type AlertRow } from './alert-row';

export interface AlertRecord {
  readonly id: string;
  readonly seq: string;
  readonly ruleId: string | null;
  readonly ruleVersion: number;
  readonly ruleSnapshot: Record<string, unknown>;
  readonly labSlug: string;
  readonly platform: string;
  readonly metric: string;
  readonly direction: string;
  readonly dedupeKey: string;
  readonly status: EpisodeStatus;
  readonly openedAt: Date;
  readonly startsAt: Date | null;
  readonly endsAt: Date | null;
  readonly sequence: number;
  readonly lastNotifiedAt: Date | null;
  readonly peakScore: number | null;
  readonly escalated: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface AlertEventRecord {
  readonly id: string;
  readonly type: string;
  readonly sequence: number | null;
  readonly occurredAt: Date;
  readonly payload: unknown;
}

export interface AlertFilter {
  readonly status?: EpisodeStatus[];
  readonly labSlug?: string;
  readonly ruleId?: string;
  readonly platform?: string;
}

/** The API's reads of alert episodes and their events; the evaluator writes them (AlertRepository). */
@Injectable()
export class AlertQueryRepository {
  constructor(private readonly db: DataSource) {}

  /** Newest first, keyset-paginated on seq. */
  async list(
    filter: AlertFilter,
    beforeSeq: string | null,
    limit: number,
  ): Promise<{ alerts: AlertRecord[]; next: string | null }> {
    const rows = (await this.db.query(
      // ORDER BY the table's column: the output column of the same name is text.
      `SELECT ${ALERT_COLUMNS} FROM alerts a
       WHERE ($1::text[] IS NULL OR status = ANY ($1)) AND ($2::text IS NULL OR lab_slug = $2)
         AND ($3::uuid IS NULL OR rule_id = $3) AND ($4::text IS NULL OR platform = $4) AND ($5::bigint IS NULL OR seq < $5)
       ORDER BY a.seq DESC LIMIT $6`,
      [
        filter.status ?? null,
        filter.labSlug ?? null,
        filter.ruleId ?? null,
        filter.platform ?? null,
        beforeSeq,
        limit + 1,
      ],
    )) as AlertRow[];
    const alerts = rows.slice(0, limit).map(toRecord);
    return { alerts, next: rows.length > limit ? alerts[alerts.length - 1].seq : null };
  }

  async findById(id: string): Promise<AlertRecord | null> {
    const rows = (await this.db.query(`SELECT ${ALERT_COLUMNS} FROM alerts WHERE id = $1`, [id])) as AlertRow[];
    return rows.length === 0 ? null : toRecord(rows[0]);
  }

  async events(alertId: string): Promise<AlertEventRecord[]> {
    const rows = (await this.db.query(
      'SELECT id, type, sequence, occurred_at, payload FROM alert_events WHERE alert_id = $1 ORDER BY sequence, created_at',
      [alertId],
    )) as Array<{ id: string; type: string; sequence: number | null; occurred_at: Date; payload: unknown }>;
    return rows.map((r) => ({
      id: r.id,
      type: r.type,
      sequence: r.sequence,
      occurredAt: r.occurred_at,
      payload: r.payload,
    }));
  }
}

function toRecord(r: AlertRow): AlertRecord {
  return {
    id: r.id,
    seq: r.seq,
    ruleId: r.rule_id,
    ruleVersion: r.rule_version,
    ruleSnapshot: r.rule_snapshot,
    labSlug: r.lab_slug,
    platform: r.platform,
    metric: r.metric,
    direction: r.direction,
    dedupeKey: r.dedupe_key,
    status: r.status,
    openedAt: r.opened_at,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    sequence: r.sequence,
    lastNotifiedAt: r.last_notified_at,
    peakScore: r.peak_score === null ? null : Number(r.peak_score),
    escalated: r.escalated,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
