import type { JobSchedulerTemplateOptions, JobsOptions } from 'bullmq';
import type { AnyJob } from './queue-catalogue';

const KEEP_COMPLETED = { age: 3_600, count: 1_000 };
const KEEP_FAILED = { age: 7 * 24 * 3_600 };
const EVALUATE_COALESCE_MS = 2_000;
const BACKFILL_PRIORITY = 10;
const AGGREGATE_COALESCE_MS = 1_000;
/** Name of the custom backoff the deliver processor registers (its delay comes from the failed attempt). */
export const WEBHOOK_BACKOFF = 'webhook-schedule';
/** Above the largest WEBHOOK_RETRY_SCHEDULE (15 waits, 16 attempts). */
export const DELIVER_MAX_ATTEMPTS = 20;

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
      if (job.name === 'rescore') {
        // One rescore per range at a time; it records its progress in its own data, so retries resume.
        return {
          jobId: `rescore-${job.data.from}-${job.data.to}`.replace(/:/g, ''),
          attempts: 20,
          backoff: { type: 'exponential', delay: 5_000 },
          removeOnComplete: KEEP_COMPLETED,
          removeOnFail: KEEP_FAILED,
        };
      }
      return {
        // BullMQ takes jobs without a priority first: a backlog being read never delays fresh posts.
        ...(job.data.backfill ? { priority: BACKFILL_PRIORITY } : {}),
        attempts: 8,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      };
    case 'aggregate':
      // Every score job asks for one. Coalesced: the first request waits AGGREGATE_COALESCE_MS and
      // the requests of that window are dropped, so one rebuild covers the buckets of all the score
      // jobs in it (the same bucket dirtied by several jobs is rebuilt once, not once per job). The
      // window ends when the job becomes runnable, so a request made while a job runs always adds
      // the next one: buckets dirtied during a run never wait for the sweep.
      return {
        delay: AGGREGATE_COALESCE_MS,
        // The key's expiry starts when Redis runs the add, the delay when the producer called it:
        // a shorter window keeps the key from outliving the delay, so a request made once the job
        // can start is never dropped.
        deduplication: { id: 'aggregate', ttl: AGGREGATE_COALESCE_MS - 300 },
        attempts: 8,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: { count: 100 },
        removeOnFail: KEEP_FAILED,
      };
    case 'schedule':
      return { attempts: 1, removeOnComplete: { count: 10 }, removeOnFail: { count: 100 } };
    case 'evaluate':
      // Evaluation resumes where the last pass stopped, so triggers in a burst (one per aggregation)
      // coalesce; a pass pinned to an instant (replays, tests) is never dropped.
      return {
        ...(job.data.now === undefined ? { deduplication: { id: 'evaluate', ttl: EVALUATE_COALESCE_MS } } : {}),
        attempts: 3,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: { count: 100 },
        removeOnFail: KEEP_FAILED,
      };
    case 'deliver':
      // jobId = the delivery id: queueing one outbox row twice is a no-op. The retry schedule and
      // attempt budget are the deliver processor's (WEBHOOK_RETRY_SCHEDULE, Retry-After); `attempts`
      // is only a ceiling above any budget the config accepts. Kept a day so a re-add stays a no-op.
      return {
        jobId: job.data.round === 0 ? job.data.deliveryId : `${job.data.deliveryId}-r${job.data.round}`,
        attempts: DELIVER_MAX_ATTEMPTS,
        backoff: { type: WEBHOOK_BACKOFF },
        removeOnComplete: { age: 24 * 3_600, count: 10_000 },
        removeOnFail: KEEP_FAILED,
      };
  }
}

/**
 * Options for the jobs a job scheduler makes: the retries and removal limits jobOptionsFor gives the
 * same job, minus what a scheduler's template may not carry (ids and delays are the scheduler's).
 * Without them BullMQ keeps every completed scheduler job: one Redis hash per tick, forever.
 */
export function schedulerTemplateOptions(job: AnyJob): JobSchedulerTemplateOptions {
  const { jobId: _id, delay: _delay, deduplication: _deduplication, ...template } = jobOptionsFor(job);
  return template;
}
