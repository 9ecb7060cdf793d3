import { Injectable } from '@nestjs/common';
import { PLATFORM_OF_KIND, type PlatformSourceKind, type SourceKind } from '@labpulse/connectors';
import { DataSource, type Repository } from 'typeorm';
import { SourceEntity, type SourceStatus } from '../entities/source.entity';

export interface NewSource {
  kind: SourceKind;
  name: string;
  target: string;
  options?: Record<string, unknown>;
  pollIntervalSeconds?: number;
  enabled?: boolean;
}

/** Fields an edit may change; absent ones stay as they are. `kind` never changes. */
export interface SourcePatch {
  name?: string;
  target?: string;
  options?: Record<string, unknown>;
  pollIntervalSeconds?: number;
  enabled?: boolean;
}

export interface SourceFilter {
  kind?: SourceKind;
  status?: SourceStatus;
  enabled?: boolean;
}

/** Keyset position: the last row of a page. `createdAt` is Postgres text with microseconds, so no row is skipped. */
export interface SourcePageKey {
  createdAt: string;
  id: string;
}

export interface SourcePage {
  sources: SourceEntity[];
  /** Position after the last row, or null when this was the last page. */
  next: SourcePageKey | null;
}

// True when the edit changes what the source reads: its stored cursor belongs to the old target/options.
const RESTARTS = `(($3::text IS NOT NULL AND $3::text <> s.target) OR ($4::jsonb IS NOT NULL AND $4::jsonb <> s.options))`;

/**
 * The tail of a statement whose CTE `outcome` yields (source_id, platform, polled_at, ok, paused,
 * valid_until): marks the 5m/hour/day buckets each outcome vouches for. In a bucket the latest
 * outcome decides `failed` and `paused` (a failed attempt followed by a successful retry is
 * healthy: nothing was lost, the cursor caught up); `ok` is OR-ed. Buckets an earlier outcome
 * projected beyond this one's span are dropped: this outcome supersedes that projection.
 */
const HEALTH_BUCKETS = `superseded AS (
         DELETE FROM source_health_buckets h USING outcome o
         WHERE h.source_id = o.source_id AND h.bucket_start > o.polled_at AND h.bucket_start >= o.valid_until AND h.outcome_at < o.polled_at
       )
       INSERT INTO source_health_buckets AS h (source_id, platform, bucket_width, bucket_start, ok, failed, paused, outcome_at)
       SELECT o.source_id, o.platform, w.width, b.start, o.ok, NOT o.ok AND NOT o.paused, o.paused, o.polled_at
       FROM outcome o
       CROSS JOIN (VALUES ('5m', interval '5 minutes'), ('hour', interval '1 hour'), ('day', interval '1 day')) AS w(width, step)
       CROSS JOIN LATERAL generate_series(date_bin(w.step, o.polled_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
                                          GREATEST(o.polled_at, o.valid_until - interval '1 microsecond'), w.step) AS b(start)
       WHERE o.platform IS NOT NULL
       ON CONFLICT (source_id, bucket_width, bucket_start) DO UPDATE SET
         ok = h.ok OR EXCLUDED.ok,
         failed = CASE WHEN EXCLUDED.outcome_at >= h.outcome_at THEN EXCLUDED.failed ELSE h.failed END,
         paused = CASE WHEN EXCLUDED.outcome_at >= h.outcome_at THEN EXCLUDED.paused ELSE h.paused END,
         outcome_at = GREATEST(h.outcome_at, EXCLUDED.outcome_at)`;

export interface PollOutcome {
  status: SourceStatus;
  error: string | null;
  /** When the scheduler may poll it next. */
  nextPollAt: Date;
  pausedUntil: Date | null;
  success: boolean;
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

const SOURCE_PLATFORM = `CASE kind WHEN 'x_search' THEN 'x' WHEN 'facebook_page' THEN 'facebook' WHEN 'linkedin_org' THEN 'linkedin' END`;

@Injectable()
export class SourceRepository {
  private readonly sources: Repository<SourceEntity>;

  constructor(private readonly db: DataSource) {
    this.sources = db.getRepository(SourceEntity);
  }

  findById(id: string): Promise<SourceEntity | null> {
    return this.sources.findOneBy({ id });
  }

  async create(source: NewSource): Promise<SourceEntity> {
    const saved = await this.sources.save(
      this.sources.create({
        kind: source.kind,
        name: source.name,
        target: source.target,
        options: source.options ?? {},
        pollIntervalSeconds: source.pollIntervalSeconds ?? 300,
        enabled: source.enabled ?? true,
      }),
    );
    return this.sources.findOneByOrFail({ id: saved.id });
  }

  /** Starts a source over from the beginning (used to re-import a file). */
  async resetCursor(id: string): Promise<void> {
    await this.db.query(
      `UPDATE sources SET cursor = NULL, cursor_version = cursor_version + 1, status = 'ok', paused_until = NULL,
         consecutive_failures = 0, last_error = NULL, updated_at = now() WHERE id = $1`,
      [id],
    );
  }

  /**
   * Picks enabled sources that are due and pushes their next_poll_at forward in the same
   * statement, so concurrent schedulers never hand out the same source twice.
   */
  async claimDue(limit: number): Promise<Array<{ id: string; kind: SourceKind }>> {
    return (await this.db.query(
      `WITH claimed AS (
         UPDATE sources s SET next_poll_at = now() + make_interval(secs => s.poll_interval_seconds)
         WHERE s.id IN (
           SELECT id FROM sources
           WHERE enabled AND status <> 'auth_failed' AND kind <> 'import' AND next_poll_at <= now()
             AND (paused_until IS NULL OR paused_until <= now())
           ORDER BY next_poll_at LIMIT $1 FOR UPDATE SKIP LOCKED)
         RETURNING s.id, s.kind)
       SELECT id, kind FROM claimed`,
      [limit],
    )) as Array<{ id: string; kind: SourceKind }>;
  }

  /**
   * Stores a poll's outcome on the source and, in the same statement, appends it to the poll
   * history (source_poll_outcomes) and marks the 5m/hour/day buckets it vouches for (until the
   * next poll is due, at most a day) in source_health_buckets, which the trend API and the alert
   * coverage read (see HEALTH_BUCKETS). A pause is not a failure: it leaves consecutive_failures alone.
   */
  async recordOutcome(id: string, outcome: PollOutcome): Promise<void> {
    await this.db.query(
      `WITH updated AS (
         UPDATE sources SET status = $2, last_error = $3, next_poll_at = $4, paused_until = $5, last_poll_at = now(),
           last_success_at = CASE WHEN $6 THEN now() ELSE last_success_at END,
           consecutive_failures = CASE WHEN $6 THEN 0 WHEN $2 = 'paused' THEN consecutive_failures ELSE consecutive_failures + 1 END,
           updated_at = now()
         WHERE id = $1
         RETURNING id, kind
       ), outcome AS (
         INSERT INTO source_poll_outcomes (source_id, platform, ok, status, error, valid_until)
         SELECT u.id, $7::jsonb ->> u.kind, $6, $2, $3, LEAST(GREATEST($4::timestamptz, now()), now() + interval '1 day')
         FROM updated u
         RETURNING source_id, platform, polled_at, ok, status = 'paused' AS paused, valid_until
       ), ${HEALTH_BUCKETS}`,
      [
        id,
        outcome.status,
        outcome.error,
        outcome.nextPollAt.toISOString(),
        outcome.pausedUntil?.toISOString() ?? null,
        outcome.success,
        JSON.stringify(PLATFORM_OF_KIND),
      ],
    );
  }

  /**
   * A platform-wide throttle (Facebook app-level 4/17/32/613, X 429) stops every source of the
   * platform, not only the one that was told: each enabled source of `kind` not already paused at
   * least that long shows it as its own pause (status, paused_until, reason) and in its coverage.
   * Returns the sources this paused (for their `source.paused` events).
   */
  async pausePlatform(
    kind: PlatformSourceKind,
    until: Date,
    reason: string,
    exceptId: string,
  ): Promise<Array<{ id: string; name: string }>> {
    return this.db.transaction(async (tx) => {
      const rows = (await tx.query(
        `WITH paused AS (
           UPDATE sources SET status = 'paused', paused_until = $2, last_error = $3, next_poll_at = GREATEST(next_poll_at, $2), updated_at = now()
           WHERE kind = $1 AND enabled AND status <> 'auth_failed' AND id <> $4 AND (paused_until IS NULL OR paused_until < $2)
           RETURNING id, name)
         SELECT id, name FROM paused ORDER BY id`,
        [kind, until.toISOString(), reason, exceptId],
      )) as Array<{ id: string; name: string }>;
      if (rows.length > 0) {
        await tx.query(
          `WITH outcome AS (
             SELECT unnest($1::uuid[]) AS source_id, $2::text AS platform, now() AS polled_at, false AS ok, true AS paused,
                    LEAST(GREATEST($3::timestamptz, now()), now() + interval '1 day') AS valid_until
           ), ${HEALTH_BUCKETS}`,
          [rows.map((r) => r.id), PLATFORM_OF_KIND[kind], until.toISOString()],
        );
      }
      return rows;
    });
  }

  /**
   * An operator lifts a pause: the source is due at once and its projected pause is dropped from
   * the coming buckets (the next poll's outcome fills them). Null when the source is not paused.
   */
  async resume(id: string): Promise<{ pausedUntil: Date | null; lastError: string | null } | null> {
    const rows = (await this.db.query(
      `WITH before AS (SELECT id, paused_until, last_error FROM sources WHERE id = $1 AND status = 'paused' FOR UPDATE),
       updated AS (
         UPDATE sources s SET status = 'ok', paused_until = NULL, last_error = NULL, next_poll_at = now(), updated_at = now()
         FROM before b WHERE s.id = b.id RETURNING s.id),
       dropped AS (DELETE FROM source_health_buckets WHERE source_id = (SELECT id FROM updated) AND paused AND bucket_start > now())
       SELECT b.paused_until, b.last_error FROM before b JOIN updated u ON u.id = b.id`,
      [id],
    )) as Array<{ paused_until: Date | null; last_error: string | null }>;
    return rows.length === 0 ? null : { pausedUntil: rows[0].paused_until, lastError: rows[0].last_error };
  }

  /** Oldest first, keyset-paginated on (created_at, id). */
  async list(filter: SourceFilter, after: SourcePageKey | null, limit: number): Promise<SourcePage> {
    const query = this.sources
      .createQueryBuilder('s')
      .addSelect(`to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'page_key_at')
      .orderBy('s.created_at', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .limit(limit + 1);
    if (filter.kind !== undefined) query.andWhere('s.kind = :kind', { kind: filter.kind });
    if (filter.status !== undefined) query.andWhere('s.status = :status', { status: filter.status });
    if (filter.enabled !== undefined) query.andWhere('s.enabled = :enabled', { enabled: filter.enabled });
    if (after) {
      query.andWhere('(s.created_at, s.id) > (CAST(:afterAt AS timestamptz), CAST(:afterId AS uuid))', {
        afterAt: after.createdAt,
        afterId: after.id,
      });
    }
    const { entities, raw } = await query.getRawAndEntities<{ page_key_at: string }>();
    if (entities.length <= limit) return { sources: entities, next: null };
    const sources = entities.slice(0, limit);
    return { sources, next: { createdAt: raw[limit - 1].page_key_at, id: sources[limit - 1].id } };
  }

  /**
   * Applies an edit in one statement. A changed target or options starts the source over from an
   * empty cursor, bumping cursor_version so a poll in flight cannot store the old target's cursor;
   * any edit of an auth_failed source re-arms it. Null when there is no such source.
   */
  async update(id: string, patch: SourcePatch): Promise<SourceEntity | null> {
    const rows = (await this.db.query(
      `WITH updated AS (
         UPDATE sources s SET
           name = COALESCE($2::text, s.name),
           target = COALESCE($3::text, s.target),
           options = COALESCE($4::jsonb, s.options),
           poll_interval_seconds = COALESCE($5::int, s.poll_interval_seconds),
           enabled = COALESCE($6::boolean, s.enabled),
           cursor = CASE WHEN ${RESTARTS} THEN NULL ELSE s.cursor END,
           cursor_version = s.cursor_version + CASE WHEN ${RESTARTS} THEN 1 ELSE 0 END,
           status = CASE WHEN s.status = 'auth_failed' THEN 'ok' ELSE s.status END,
           consecutive_failures = CASE WHEN s.status = 'auth_failed' THEN 0 ELSE s.consecutive_failures END,
           next_poll_at = CASE
             WHEN ${RESTARTS} OR s.status = 'auth_failed' THEN LEAST(s.next_poll_at, now())
             WHEN $5::int IS NOT NULL THEN LEAST(s.next_poll_at, COALESCE(s.last_poll_at, now()) + make_interval(secs => $5::int))
             ELSE s.next_poll_at END,
           updated_at = now()
         WHERE s.id = $1
         RETURNING s.id)
       SELECT id FROM updated`,
      [
        id,
        patch.name ?? null,
        patch.target ?? null,
        patch.options === undefined ? null : JSON.stringify(patch.options),
        patch.pollIntervalSeconds ?? null,
        patch.enabled ?? null,
      ],
    )) as Array<{ id: string }>;
    return rows.length === 0 ? null : this.findById(id);
  }

  /** Posts keep their data (source_id becomes NULL); the source's rejections go with it (their foreign key). */
  async delete(id: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      // First the source: this waits for a page being stored (savePage locks the source row), so
      // the update below, on a later snapshot, also clears the posts that page stored.
      const rows = (await tx.query(
        'WITH deleted AS (DELETE FROM sources WHERE id = $1 RETURNING id) SELECT id FROM deleted',
        [id],
      )) as Array<{ id: string }>;
      if (rows.length > 0) await tx.query('UPDATE posts SET source_id = NULL WHERE source_id = $1', [id]);
      return rows.length > 0;
    });
  }

  async rejections(
    sourceId: string,
    limit: number,
  ): Promise<Array<{ location: string; reason: string; excerpt: string }>> {
    return (await this.db.query(
      'SELECT location, reason, excerpt FROM ingest_rejections WHERE source_id = $1 ORDER BY id LIMIT $2',
      [sourceId, limit],
    )) as Array<{ location: string; reason: string; excerpt: string }>;
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
}
