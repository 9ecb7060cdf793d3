import type { DataSource } from 'typeorm';
import type { AppConfig } from '@labpulse/config';
import type { SourceKind } from '@labpulse/connectors';
import { type SourceEntity, SourceRepository } from '@labpulse/persistence';
import { JobProducer, POLL_QUEUE_BY_KIND } from '@labpulse/queue';
import { openTestDatabase, resetData, testConfig, waitFor } from '@labpulse/testing';
import { bootstrapWorker, type RunningWorker } from '../../apps/worker/src/bootstrap-worker';

/**
 * A real worker process's modules booted in the test process, on the run's Postgres database and
 * a queue prefix of its own, with helpers to create sources and wait for polls.
 */
export class WorkerHarness {
  private constructor(
    readonly config: AppConfig,
    readonly db: DataSource,
    public worker: RunningWorker,
    readonly sources: SourceRepository,
  ) {}

  static async start(env: Record<string, string>): Promise<WorkerHarness> {
    // The scheduler's fan-out stays out of the way (hourly): tests trigger every poll themselves.
    const config = testConfig({ POLL_JOBS_PER_MINUTE: '10000', SCHEDULER_INTERVAL_MS: '3600000', ...env });
    const db = await openTestDatabase(config);
    await resetData(db);
    return new WorkerHarness(config, db, await bootstrapWorker(config), new SourceRepository(db));
  }

  get jobs(): JobProducer {
    return this.worker.app.get(JobProducer);
  }

  /** Stops the worker and boots a new one on the same database and queues, as a restart would. */
  async restart(): Promise<void> {
    await this.worker.close();
    this.worker = await bootstrapWorker(this.config);
  }

  async createSource(kind: SourceKind, target: string, options: Record<string, unknown> = {}): Promise<SourceEntity> {
    const source = await this.sources.create({
      kind,
      name: `${kind} ${target}`,
      target,
      options,
      pollIntervalSeconds: 60,
      // Created disabled, then enabled with its next poll a day away in one statement: the fan-out
      // (its first tick runs at start) never sees it due, so only the test polls it.
      enabled: false,
    });
    await this.db.query(`UPDATE sources SET enabled = true, next_poll_at = now() + interval '1 day' WHERE id = $1`, [
      source.id,
    ]);
    return { ...source, enabled: true };
  }

  async enqueuePoll(source: SourceEntity): Promise<void> {
    await this.jobs.enqueue({ queue: POLL_QUEUE_BY_KIND[source.kind], name: 'poll', data: { sourceId: source.id } });
  }

  /** Queues a poll and waits until the source records its outcome (success or failure). */
  async pollAndWait(source: SourceEntity, timeoutMs = 30_000): Promise<SourceEntity> {
    const before = (await this.sources.findById(source.id))?.lastPollAt?.getTime() ?? 0;
    await this.enqueuePoll(source);
    return this.waitForPoll(source, before, timeoutMs);
  }

  /** Waits until the source's last poll is newer than `after` (ms). */
  waitForPoll(source: SourceEntity, after: number, timeoutMs = 30_000): Promise<SourceEntity> {
    return waitFor(
      async () => {
        const current = await this.sources.findById(source.id);
        return current && (current.lastPollAt?.getTime() ?? 0) > after ? current : undefined;
      },
      { description: `a poll of source ${source.id}`, timeoutMs },
    );
  }

  async externalIds(platform: string): Promise<string[]> {
    const rows = (await this.db.query('SELECT external_id FROM posts WHERE platform = $1 ORDER BY external_id', [
      platform,
    ])) as Array<{
      external_id: string;
    }>;
    return rows.map((row) => row.external_id);
  }

  /** Waits until every stored post has been scored and every dirty bucket aggregated. */
  async waitForPipeline(timeoutMs = 60_000): Promise<void> {
    await waitFor(
      async () => {
        const [row] = (await this.db.query(
          'SELECT (SELECT count(*) FROM pending_scores)::int + (SELECT count(*) FROM dirty_buckets)::int AS n',
        )) as Array<{ n: number }>;
        return row.n === 0;
      },
      { description: 'scoring and aggregation to drain', timeoutMs },
    );
  }

  async close(): Promise<void> {
    await this.worker.close();
    await this.db.destroy();
  }
}
