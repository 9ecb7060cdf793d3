import { Injectable } from '@nestjs/common';
import type { SourceKind } from '@labpulse/connectors';
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

  async recordOutcome(id: string, outcome: PollOutcome): Promise<void> {
    await this.db.query(
      `UPDATE sources SET status = $2, last_error = $3, next_poll_at = $4, paused_until = $5, last_poll_at = now(),
         last_success_at = CASE WHEN $6 THEN now() ELSE last_success_at END,
         consecutive_failures = CASE WHEN $6 THEN 0 ELSE consecutive_failures + 1 END,
         updated_at = now()
       WHERE id = $1`,
      [id, outcome.status, outcome.error, outcome.nextPollAt.toISOString(), outcome.pausedUntil?.toISOString() ?? null, outcome.success],
    );
  }

  async rejections(sourceId: string, limit: number): Promise<Array<{ location: string; reason: string; excerpt: string }>> {
    return (await this.db.query(
      'SELECT location, reason, excerpt FROM ingest_rejections WHERE source_id = $1 ORDER BY id LIMIT $2',
      [sourceId, limit],
    )) as Array<{ location: string; reason: string; excerpt: string }>;
  }
}
