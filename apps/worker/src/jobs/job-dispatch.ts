import { type Job, UnrecoverableError } from 'bullmq';
import type { JobCatalogue, QueueName } from '@labpulse/queue';
import type { JobResult } from './job-result-catalogue';

/**
 * A queue's handlers, one per job name of the catalogue: a missing, extra or misspelled name is a
 * compile error, and each handler gets its own payload type and must return its own result type.
 */
export type JobHandlers<Q extends QueueName> = {
  [N in keyof JobCatalogue[Q] & string]: (job: Job<JobCatalogue[Q][N], JobResult<Q, N>, N>) => Promise<JobResult<Q, N>>;
};

/**
 * Runs the handler named by `job.name`. A name the catalogue does not know (a job left in Redis by
 * another version, or added by hand) fails that job at once, without retries, naming it.
 */
export function dispatchJob<Q extends QueueName>(queue: Q, handlers: JobHandlers<Q>, job: Job): Promise<unknown> {
  const handler = Object.hasOwn(handlers, job.name)
    ? (handlers as unknown as Record<string, (job: Job) => Promise<unknown>>)[job.name]
    : undefined;
  if (!handler) {
    const known = Object.keys(handlers).join(', ');
    throw new UnrecoverableError(`unknown job name "${job.name}" on queue ${queue} (known: ${known})`);
  }
  return handler(job);
}
