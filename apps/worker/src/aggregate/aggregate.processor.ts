import { Processor, WorkerHost } from '@nestjs/bullmq';
import { RollupRepository } from '@labpulse/persistence';
import { JobProducer } from '@labpulse/queue';

// Work-list rows per transaction: small enough to keep the aggregation lock short.
const ROWS_PER_TRANSACTION = 200;

/** Drains the dirty-bucket table; a job that finds nothing left (another one got there first) is a no-op. */
@Processor('aggregate', { autorun: false })
export class AggregateProcessor extends WorkerHost {
  constructor(
    private readonly rollups: RollupRepository,
    private readonly jobs: JobProducer,
  ) {
    super();
  }

  async process(): Promise<{ buckets: number }> {
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
