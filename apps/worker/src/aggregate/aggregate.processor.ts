import { Processor, WorkerHost } from '@nestjs/bullmq';
import { RollupRepository } from '@labpulse/persistence';

// Buckets per transaction: small enough to keep the aggregation lock short.
const BUCKETS_PER_TRANSACTION = 200;

/** Drains the dirty-bucket table; a job that finds nothing left (another one got there first) is a no-op. */
@Processor('aggregate', { autorun: false })
export class AggregateProcessor extends WorkerHost {
  constructor(private readonly rollups: RollupRepository) {
    super();
  }

  async process(): Promise<{ buckets: number }> {
    let buckets = 0;
    for (;;) {
      const result = await this.rollups.aggregateDirty(BUCKETS_PER_TRANSACTION);
      buckets += result.fiveMinuteBuckets;
      if (result.fiveMinuteBuckets < BUCKETS_PER_TRANSACTION) return { buckets };
    }
  }
}
