import type { JobsOptions } from 'bullmq';
import type { AnyJob } from './queue-catalogue';

const KEEP_COMPLETED = { age: 3_600, count: 1_000 };
const KEEP_FAILED = { age: 7 * 24 * 3_600 };

/** The single place that decides ids, deduplication, retries and retention for every job. */
export function jobOptionsFor(job: AnyJob): JobsOptions {
  switch (job.queue) {
    case 'poll-x':
    case 'poll-facebook':
    case 'poll-linkedin':
    case 'import':
      // One job id per source: while a poll is waiting or running, another "poll now" is a no-op,
      // so two polls of one source never overlap. Removed when done so the next poll can be added.
      return {
        jobId: `poll-${job.data.sourceId}`, // BullMQ forbids ":" in custom ids
        attempts: 4,
        backoff: { type: 'exponential', delay: 5_000 },
        removeOnComplete: true,
        removeOnFail: true,
      };
    case 'score':
      return {
        attempts: 8,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      };
    case 'aggregate':
      // Not deduplicated on purpose: a job added while another runs must still run afterwards,
      // otherwise buckets dirtied during the first one would wait for the next sweep.
      return {
        attempts: 8,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: { count: 100 },
        removeOnFail: KEEP_FAILED,
      };
    case 'schedule':
      return { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 100 } };
  }
}
