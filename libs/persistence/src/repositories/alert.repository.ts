import { Injectable } from '@nestjs/common';
import type { AlertEpisode, EpisodeStatus } from '@labpulse/alerts';
import type { EvaluationDecision, LifecycleState } from '@labpulse/timeseries';
import { DataSource, type EntityManager } from 'typeorm';
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

/** One rollup bucket of a lab, summed over the platforms asked for. */
export interface MetricRow {
  readonly start: number;
  readonly posts: number;
  readonly positive: number;
  readonly neutral: number;
  readonly negative: number;
  readonly favor: number;
  readonly against: number;
  readonly stanceNeutral: number;
}

/** A collecting source's health as the evaluator sees it (file imports excluded). */
export interface SourceHealthRow {
  readonly sourceId: string;
  readonly name: string;
  readonly platform: 'x' | 'facebook' | 'linkedin';
  readonly status: string;
  readonly consecutiveFailures: number;
  /** When collection stopped working: the last success, or creation if it never succeeded. */
  readonly failingSince: number;
  readonly lastError: string | null;
}

export type RollupWidth = '5m' | 'hour' | 'day';
export type TopPostFilter = 'negative' | 'positive' | 'against' | 'favor' | 'any';

export interface TopPostRow {
  platform: 'x' | 'linkedin' | 'facebook';
  externalId: string;
  url: string | null;
}

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

const ALERT_COLUMNS = `id, seq::text AS seq, rule_id, rule_version, rule_snapshot, lab_slug, platform, metric, direction, dedupe_key,
  status, opened_at, starts_at, ends_at, sequence, last_notified_at, peak_score, escalated, created_at, updated_at`;

const SOURCE_PLATFORM = `CASE kind WHEN 'x_search' THEN 'x' WHEN 'facebook_page' THEN 'facebook' WHEN 'linkedin_org' THEN 'linkedin' END`;

/** Alert episodes and the per-key evaluation state; also the reads the evaluator needs. */
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

  /** Rollup rows of one lab in [from, to), summed over every platform when `platform` is 'all'. */
  /** `excluded`: platforms left out of an `all` rule (they were not collecting). */
  async metricRows(
    labSlug: string,
    platform: string,
    width: RollupWidth,
    from: number,
    to: number,
    excluded: readonly string[] = [],
  ): Promise<MetricRow[]> {
    const rows = (await this.db.query(
      `SELECT bucket_start, sum(posts)::int AS posts, sum(positive)::int AS positive, sum(neutral)::int AS neutral,
         sum(negative)::int AS negative, sum(favor)::int AS favor, sum(against)::int AS against,
         sum(stance_neutral)::int AS stance_neutral
       FROM trend_buckets
       WHERE bucket_width = $1 AND lab_slug = $2 AND ($3 = 'all' OR platform = $3) AND bucket_start >= $4 AND bucket_start < $5
         AND NOT (platform = ANY ($6::text[]))
       GROUP BY bucket_start ORDER BY bucket_start`,
      [width, labSlug, platform, new Date(from).toISOString(), new Date(to).toISOString(), [...excluded]],
    )) as Array<Record<string, number> & { bucket_start: Date }>;
    return rows.map((r) => ({
      start: r.bucket_start.getTime(),
      posts: r.posts,
      positive: r.positive,
      neutral: r.neutral,
      negative: r.negative,
      favor: r.favor,
      against: r.against,
      stanceNeutral: r.stance_neutral,
    }));
  }

  /** Enabled collecting sources (not file imports) with their health. */
  async sourceHealth(): Promise<SourceHealthRow[]> {
    const rows = (await this.db.query(
      `SELECT id, name, ${SOURCE_PLATFORM} AS platform, status, consecutive_failures, coalesce(last_success_at, created_at) AS failing_since, last_error
       FROM sources WHERE enabled AND kind <> 'import' ORDER BY id`,
    )) as Array<{
      id: string;
      name: string;
      platform: SourceHealthRow['platform'];
      status: string;
      consecutive_failures: number;
      failing_since: Date;
      last_error: string | null;
    }>;
    return rows.map((r) => ({
      sourceId: r.id,
      name: r.name,
      platform: r.platform,
      status: r.status,
      consecutiveFailures: r.consecutive_failures,
      failingSince: r.failing_since.getTime(),
      lastError: r.last_error,
    }));
  }

  /** The most engaging posts behind an alert, by platform id and original URL (never bodies). */
  async topPosts(
    labSlug: string,
    platform: string,
    from: number,
    to: number,
    filter: TopPostFilter,
    limit: number,
  ): Promise<TopPostRow[]> {
    const rows = (await this.db.query(
      `SELECT p.platform, p.external_id, p.url
       FROM post_lab_mentions m
       JOIN posts p ON p.id = m.post_id
       JOIN post_scores s ON s.post_id = m.post_id AND s.model_version = m.model_version
       WHERE m.lab_slug = $1 AND ($2 = 'all' OR p.platform = $2) AND p.posted_at >= $3 AND p.posted_at < $4
         AND CASE $5 WHEN 'negative' THEN s.sentiment_label = 'negative' WHEN 'positive' THEN s.sentiment_label = 'positive'
                     WHEN 'against' THEN m.stance = 'against' WHEN 'favor' THEN m.stance = 'favor' ELSE true END
       GROUP BY p.id ORDER BY max(p.likes + p.comments + p.shares) DESC, p.id LIMIT $6`,
      [labSlug, platform, new Date(from).toISOString(), new Date(to).toISOString(), filter, limit],
    )) as Array<{ platform: TopPostRow['platform']; external_id: string; url: string | null }>;
    // Only web links: an import may carry anything in `url`.
    return rows.map((r) => ({
      platform: r.platform,
      externalId: r.external_id,
      url: r.url && /^https?:\/\//i.test(r.url) ? r.url : null,
    }));
  }

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

interface AlertRow {
  id: string;
  seq: string;
  rule_id: string | null;
  rule_version: number;
  rule_snapshot: Record<string, unknown>;
  lab_slug: string;
  platform: string;
  metric: string;
  direction: string;
  dedupe_key: string;
  status: EpisodeStatus;
  opened_at: Date;
  starts_at: Date | null;
  ends_at: Date | null;
  sequence: number;
  last_notified_at: Date | null;
  peak_score: number | null;
  escalated: boolean;
  created_at: Date;
  updated_at: Date;
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
