import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { RollupRepository } from '@labpulse/persistence';
import { JobProducer } from '@labpulse/queue';
import { type JobHandlers, dispatchJob } from '../jobs/job-dispatch';

// Work-list rows per transaction: a bucket rebuild costs ~0.2 ms, so the aggregation lock is held
// for a few hundred ms at most, and a larger claim rebuilds a bucket dirtied by several score jobs
// once (bench:scale: 1,000 rows per transaction aggregated twice as fast as 200).
const ROWS_PER_TRANSACTION = 1000;

/** Drains the dirty-bucket table; a job that finds nothing left (another one got there first) is a no-op. */
@Processor('aggregate', { autorun: false })
export class AggregateProcessor extends WorkerHost {
  constructor(
    private readonly rollups: RollupRepository,
    private readonly jobs: JobProducer,
  ) {
    super();
  }

  private readonly handlers: JobHandlers<'aggregate'> = { aggregate: () => this.aggregate() };

  process(job: Job): Promise<unknown> {
    return dispatchJob('aggregate', this.handlers, job);
  }

  private async aggregate(): Promise<{ buckets: number }> {
    let buckets = 0;
    for (;;) {
      const result = await this.rollups.aggregateDirty(ROWS_PER_TRANSACTION);
      buckets += result.fiveMinuteBuckets;
      if (result.claimedRows < ROWS_PER_TRANSACTION) break;
    }
    // Fresh rollups may close an alert window: evaluate soon (bursts coalesce, see jobOptionsFor).
    if (buckets > 0) await this.jobs.enqueue({ queue: 'evaluate', name: 'evaluate', data: {} });
    return { buckets };
  }
}
