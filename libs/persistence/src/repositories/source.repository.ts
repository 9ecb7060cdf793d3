import { Injectable } from '@nestjs/common';
import { PLATFORM_OF_KIND, type SourceKind } from '@labpulse/connectors';
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

export interface PollOutcome {
  status: SourceStatus;
  error: string | null;
  /** When the scheduler may poll it next. */
  nextPollAt: Date;
  pausedUntil: Date | null;
  success: boolean;
}

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
   * next poll is due, at most a day) as ok or failed in source_health_buckets, which the trend
   * API reads as coverage. Flags are OR-ed, so recording the same outcome twice changes nothing there.
   */
  async recordOutcome(id: string, outcome: PollOutcome): Promise<void> {
    await this.db.query(
      `WITH updated AS (
         UPDATE sources SET status = $2, last_error = $3, next_poll_at = $4, paused_until = $5, last_poll_at = now(),
           last_success_at = CASE WHEN $6 THEN now() ELSE last_success_at END,
           consecutive_failures = CASE WHEN $6 THEN 0 ELSE consecutive_failures + 1 END,
           updated_at = now()
         WHERE id = $1
         RETURNING id, kind
       ), outcome AS (
         INSERT INTO source_poll_outcomes (source_id, platform, ok, status, error, valid_until)
         SELECT u.id, $7::jsonb ->> u.kind, $6, $2, $3, LEAST(GREATEST($4::timestamptz, now()), now() + interval '1 day')
         FROM updated u
         RETURNING source_id, platform, polled_at, ok, valid_until
       )
       INSERT INTO source_health_buckets AS h (source_id, platform, bucket_width, bucket_start, ok, failed)
       SELECT o.source_id, o.platform, w.width, b.start, o.ok, NOT o.ok
       FROM outcome o
       CROSS JOIN (VALUES ('5m', interval '5 minutes'), ('hour', interval '1 hour'), ('day', interval '1 day')) AS w(width, step)
       CROSS JOIN LATERAL generate_series(date_bin(w.step, o.polled_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
                                          GREATEST(o.polled_at, o.valid_until - interval '1 microsecond'), w.step) AS b(start)
       WHERE o.platform IS NOT NULL
       ON CONFLICT (source_id, bucket_width, bucket_start) DO UPDATE SET ok = h.ok OR EXCLUDED.ok, failed = h.failed OR EXCLUDED.failed`,
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
      const rows = (await tx.query('WITH deleted AS (DELETE FROM sources WHERE id = $1 RETURNING id) SELECT id FROM deleted', [id])) as Array<{ id: string }>;
      if (rows.length > 0) await tx.query('UPDATE posts SET source_id = NULL WHERE source_id = $1', [id]);
      return rows.length > 0;
    });
  }

  async rejections(sourceId: string, limit: number): Promise<Array<{ location: string; reason: string; excerpt: string }>> {
    return (await this.db.query(
      'SELECT location, reason, excerpt FROM ingest_rejections WHERE source_id = $1 ORDER BY id LIMIT $2',
      [sourceId, limit],
    )) as Array<{ location: string; reason: string; excerpt: string }>;
  }
}
