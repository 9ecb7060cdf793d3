import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface AlertEvaluationRecord {
  /** bigint as text. */
  readonly id: string;
  readonly ruleId: string;
  readonly labSlug: string;
  readonly platform: string;
  readonly alertId: string | null;
  readonly bucketStart: Date;
  readonly observed: number | null;
  readonly expected: number | null;
  readonly scale: number | null;
  readonly score: number | null;
  readonly effect: number | null;
  readonly n: number | null;
  readonly decision: string;
  readonly reason: string;
  readonly evaluatedAt: Date;
}

export interface AlertEvaluationFilter {
  readonly ruleId?: string;
  readonly labSlug?: string;
  readonly platform?: string;
  readonly alertId?: string;
  readonly decisions?: string[];
  /** Bucket start in [from, to). */
  readonly from?: Date;
  readonly to?: Date;
}

const COLUMNS = `id::text AS id, rule_id, lab_slug, platform, alert_id, bucket_start, observed, expected, scale, score, effect, n,
  decision, reason, evaluated_at`;

/** The evaluation log: every decision with what it was based on, kept for explainability and tuning. */
@Injectable()
export class AlertEvaluationRepository {
  constructor(private readonly db: DataSource) {}

  /** Newest first (by id), keyset-paginated. */
  async list(
    filter: AlertEvaluationFilter,
    beforeId: string | null,
    limit: number,
  ): Promise<{ evaluations: AlertEvaluationRecord[]; next: string | null }> {
    const rows = (await this.db.query(
      // ORDER BY the table's column: the output column of the same name is text.
      `SELECT ${COLUMNS} FROM alert_evaluations e
       WHERE ($1::uuid IS NULL OR rule_id = $1) AND ($2::text IS NULL OR lab_slug = $2) AND ($3::text IS NULL OR platform = $3)
         AND ($4::uuid IS NULL OR alert_id = $4) AND ($5::text[] IS NULL OR decision = ANY ($5))
         AND ($6::timestamptz IS NULL OR bucket_start >= $6) AND ($7::timestamptz IS NULL OR bucket_start < $7)
         AND ($8::bigint IS NULL OR id < $8)
       ORDER BY e.id DESC LIMIT $9`,
      [
        filter.ruleId ?? null,
        filter.labSlug ?? null,
        filter.platform ?? null,
        filter.alertId ?? null,
        filter.decisions ?? null,
        filter.from?.toISOString() ?? null,
        filter.to?.toISOString() ?? null,
        beforeId,
        limit + 1,
      ],
    )) as EvaluationRow[];
    const evaluations = rows.slice(0, limit).map(toRecord);
    return { evaluations, next: rows.length > limit ? evaluations[evaluations.length - 1].id : null };
  }

  /** Deletes evaluations recorded before `before`, at most `limit` per call; returns how many. */
  async prune(before: Date, limit: number): Promise<number> {
    const rows = (await this.db.query(
      `WITH doomed AS (SELECT id FROM alert_evaluations WHERE evaluated_at < $1 ORDER BY evaluated_at LIMIT $2),
            deleted AS (DELETE FROM alert_evaluations e USING doomed WHERE e.id = doomed.id RETURNING 1)
       SELECT count(*)::int AS n FROM deleted`,
      [before.toISOString(), limit],
    )) as Array<{ n: number }>;
    return rows[0].n;
  }
}

interface EvaluationRow {
  id: string;
  rule_id: string;
  lab_slug: string;
  platform: string;
  alert_id: string | null;
  bucket_start: Date;
  observed: number | null;
  expected: number | null;
  scale: number | null;
  score: number | null;
  effect: number | null;
  n: number | null;
  decision: string;
  reason: string;
  evaluated_at: Date;
}

function toRecord(r: EvaluationRow): AlertEvaluationRecord {
  return {
    id: r.id,
    ruleId: r.rule_id,
    labSlug: r.lab_slug,
    platform: r.platform,
    alertId: r.alert_id,
    bucketStart: r.bucket_start,
    observed: r.observed,
    expected: r.expected,
    scale: r.scale,
    score: r.score,
    effect: r.effect,
    n: r.n,
    decision: r.decision,
    reason: r.reason,
    evaluatedAt: r.evaluated_at,
  };
}
