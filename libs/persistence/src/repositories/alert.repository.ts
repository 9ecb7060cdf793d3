import { Injectable } from '@nestjs/common';
import type { AlertEpisode } from '@labpulse/alerts';
import type { EvaluationDecision, LifecycleState } from '@labpulse/timeseries';
import { DataSource, type EntityManager } from 'typeorm';
import { ALERT_COLUMNS, type AlertRow } from './alert-row';
import { type NewOutboxEvent, OutboxRepository, type PendingDelivery } from './outbox.repository';

/** One alert key: (rule, lab, platform), with its dedupe key. */
export interface AlertKeyRef {
  readonly ruleId: string;
  readonly labSlug: string;
  readonly platform: string;
  readonly dedupeKey: string;
}

/** The map key evaluatedThrough() uses for (rule, lab, platform). */
export function alertKeyId(ruleId: string, labSlug: string, platform: string): string {
  return `${ruleId}\u0000${labSlug}\u0000${platform}`;
}

/** What is stored for a key between evaluation passes. */
export interface StoredKeyState {
  /** Null before the key's first evaluation. */
  readonly lifecycle: LifecycleState | null;
  /** Start (epoch ms) of the newest bucket evaluated; null before the first pass. */
  readonly evaluatedThrough: number | null;
  /** The key's open (pending or firing) episode. */
  readonly episode: AlertEpisode | null;
}

export interface EpisodeWrite {
  readonly episode: AlertEpisode;
  readonly ruleId: string;
  readonly ruleVersion: number;
  /** The rule as it was when the episode opened (kept even if the rule is edited or deleted). */
  readonly ruleSnapshot: unknown;
  readonly labSlug: string;
  readonly platform: string;
  readonly metric: string;
  readonly direction: string;
}

export interface EvaluationWrite {
  /** Evaluated bucket start, epoch ms. */
  readonly at: number;
  readonly observed: number | null;
  readonly expected: number | null;
  readonly scale: number | null;
  readonly score: number | null;
  readonly effect: number | null;
  readonly n: number | null;
  readonly decision: EvaluationDecision;
  readonly reason: string;
  readonly alertId: string | null;
}

/** Everything one pass over a key changes, written in one transaction with the key locked. */
export interface KeyPassWrite {
  readonly evaluations: readonly EvaluationWrite[];
  /** Episodes to insert or update, in the order they changed. */
  readonly episodes: readonly EpisodeWrite[];
  readonly events: readonly NewOutboxEvent[];
  readonly lifecycle: LifecycleState;
  readonly evaluatedThrough: number;
}

/** Alert episodes and the per-key evaluation state, written by the evaluator (the API's reads: AlertQueryRepository). */
@Injectable()
export class AlertRepository {
  constructor(
    private readonly db: DataSource,
    private readonly outbox: OutboxRepository,
  ) {}

  /**
   * How far each key of these rules has been evaluated (epoch ms, keyed by alertKeyId), read
   * without locks: a pass skips the keys already evaluated through its last closed bucket
   * instead of opening a transaction per key only to find nothing to do. Keys never evaluated
   * are absent. The read may be stale: a key it shows behind goes through the locked path, which
   * reads again; one it shows up to date (its row since reset by a rule edit) waits for the next pass.
   */
  async evaluatedThrough(ruleIds: readonly string[]): Promise<Map<string, number>> {
    if (ruleIds.length === 0) return new Map();
    const rows = (await this.db.query(
      `SELECT rule_id, lab_slug, platform, evaluated_through FROM alert_states
       WHERE rule_id = ANY($1::uuid[]) AND evaluated_through IS NOT NULL`,
      [ruleIds],
    )) as Array<{ rule_id: string; lab_slug: string; platform: string; evaluated_through: Date }>;
    return new Map(rows.map((r) => [alertKeyId(r.rule_id, r.lab_slug, r.platform), r.evaluated_through.getTime()]));
  }

  /**
   * Locks the key (its state row, created on first use), hands its state to `pass`, and writes
   * what the pass returns (evaluations, episodes, events and their deliveries, the new state) in
   * the same transaction. Concurrent passes over one key queue on the lock; the unique index on
   * open episodes backs this up. Returns the deliveries to queue once committed.
   */
  async evaluateKey(
    ref: AlertKeyRef,
    pass: (state: StoredKeyState) => Promise<KeyPassWrite | null>,
  ): Promise<PendingDelivery[]> {
    return this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO alert_states (rule_id, lab_slug, platform, dedupe_key, lifecycle) VALUES ($1, $2, $3, $4, 'null'::jsonb)
         ON CONFLICT (rule_id, lab_slug, platform) DO NOTHING`,
        [ref.ruleId, ref.labSlug, ref.platform, ref.dedupeKey],
      );
      const [state] = (await tx.query(
        `SELECT lifecycle, evaluated_through FROM alert_states WHERE rule_id = $1 AND lab_slug = $2 AND platform = $3 FOR UPDATE`,
        [ref.ruleId, ref.labSlug, ref.platform],
      )) as Array<{ lifecycle: LifecycleState | null; evaluated_through: Date | null }>;
      const open = (await tx.query(
        `SELECT ${ALERT_COLUMNS} FROM alerts WHERE dedupe_key = $1 AND status IN ('pending', 'firing')`,
        [ref.dedupeKey],
      )) as AlertRow[];
      const write = await pass({
        lifecycle: state.lifecycle,
        evaluatedThrough: state.evaluated_through?.getTime() ?? null,
        episode: open.length === 0 ? null : toEpisode(open[0]),
      });
      if (!write) return [];
      for (const ep of write.episodes) await this.upsertEpisode(tx, ep);
      await this.insertEvaluations(tx, ref, write.evaluations);
      const pending = await this.outbox.writeEvents(tx, write.events);
      await tx.query(
        `UPDATE alert_states SET lifecycle = $4::jsonb, evaluated_through = $5, updated_at = now()
         WHERE rule_id = $1 AND lab_slug = $2 AND platform = $3`,
        [
          ref.ruleId,
          ref.labSlug,
          ref.platform,
          JSON.stringify(write.lifecycle),
          new Date(write.evaluatedThrough).toISOString(),
        ],
      );
      return pending;
    });
  }

  private async upsertEpisode(tx: EntityManager, w: EpisodeWrite): Promise<void> {
    const e = w.episode;
    const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
    await tx.query(
      `INSERT INTO alerts (id, rule_id, rule_version, rule_snapshot, lab_slug, platform, metric, direction, dedupe_key, status,
         opened_at, starts_at, ends_at, sequence, last_notified_at, peak_score, escalated)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
         sequence = EXCLUDED.sequence, last_notified_at = EXCLUDED.last_notified_at, peak_score = EXCLUDED.peak_score,
         escalated = EXCLUDED.escalated, updated_at = now()`,
      [
        e.id,
        w.ruleId,
        w.ruleVersion,
        JSON.stringify(w.ruleSnapshot),
        w.labSlug,
        w.platform,
        w.metric,
        w.direction,
        e.dedupeKey,
        e.status,
        iso(e.openedAt),
        iso(e.startsAt),
        iso(e.endsAt),
        e.sequence,
        iso(e.lastNotifiedAt),
        e.peakScore,
        e.escalated,
      ],
    );
  }

  private async insertEvaluations(
    tx: EntityManager,
    ref: AlertKeyRef,
    rows: readonly EvaluationWrite[],
  ): Promise<void> {
    // Chunked: one statement per few thousand rows keeps parameter arrays small.
    for (let i = 0; i < rows.length; i += 2_000) {
      const chunk = rows.slice(i, i + 2_000);
      const col = <T>(pick: (r: EvaluationWrite) => T): T[] => chunk.map(pick);
      await tx.query(
        `INSERT INTO alert_evaluations (rule_id, lab_slug, platform, bucket_start, observed, expected, scale, score, effect, n,
           decision, reason, alert_id)
         SELECT $1, $2, $3, e.bucket_start, e.observed, e.expected, e.scale, e.score, e.effect, e.n, e.decision, e.reason, e.alert_id
         FROM unnest($4::timestamptz[], $5::float8[], $6::float8[], $7::float8[], $8::float8[], $9::float8[], $10::float8[],
                     $11::text[], $12::text[], $13::uuid[])
           AS e(bucket_start, observed, expected, scale, score, effect, n, decision, reason, alert_id)
         ON CONFLICT (rule_id, lab_slug, platform, bucket_start) DO NOTHING`,
        [
          ref.ruleId,
          ref.labSlug,
          ref.platform,
          col((r) => new Date(r.at).toISOString()),
          col((r) => r.observed),
          col((r) => r.expected),
          col((r) => r.scale),
          col((r) => r.score),
          col((r) => r.effect),
          col((r) => r.n),
          col((r) => r.decision),
          col((r) => r.reason),
          col((r) => r.alertId),
        ],
      );
    }
  }
}

function toEpisode(r: AlertRow): AlertEpisode {
  return {
    id: r.id,
    dedupeKey: r.dedupe_key,
    status: r.status,
    openedAt: r.opened_at.getTime(),
    startsAt: r.starts_at?.getTime() ?? null,
    endsAt: r.ends_at?.getTime() ?? null,
    sequence: r.sequence,
    lastNotifiedAt: r.last_notified_at?.getTime() ?? null,
    peakScore: r.peak_score === null ? null : Number(r.peak_score),
    escalated: r.escalated,
  };
}
