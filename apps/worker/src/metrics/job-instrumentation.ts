import type { Job, Worker } from 'bullmq';
import { RateLimitError } from 'bullmq';
import type { Logger } from 'pino';
import { type AppMetrics, runWithLogger } from '@labpulse/observability';
import type { QueueName } from '@labpulse/queue';
import type { CompletedJob } from '../jobs/job-result-catalogue';
import { recordJobResult } from './job-results';

type ProcessCall = (job: Job, token: string, signal?: AbortSignal) => Promise<unknown>;

/**
 * Wraps a worker's job calls: each job runs with a logger bound to its queue and job id (so every
 * Nest Logger line it causes carries them), its duration goes to the histogram, and its result
 * feeds the pipeline counters. Failures are counted from the worker's `failed` event, which also
 * covers jobs that stalled elsewhere and ran out of attempts.
 *
 * BullMQ's Worker calls every job through its protected callProcessJob, the hook meant for
 * subclasses; @nestjs/bullmq builds the Worker itself, so the hook is set on the instance.
 */
export function instrumentWorker(worker: Worker, queue: QueueName, metrics: AppMetrics, logger: Logger): void {
  const host = worker as unknown as { callProcessJob: ProcessCall };
  const call = host.callProcessJob.bind(worker);
  host.callProcessJob = (job, token, signal) => {
    const log = logger.child({ queue, jobId: job.id, jobName: job.name });
    return runWithLogger(log, async () => {
      const end = metrics.jobDuration.startTimer({ queue });
      log.debug({ attempt: job.attemptsMade + 1 }, 'job started');
      try {
        const result = await call(job, token, signal);
        end({ outcome: 'completed' });
        // A job that completed went through its queue's typed handler map (dispatchJob), which
        // rejects unknown names, so its result has the type the catalogue gives that name.
        recordJobResult(metrics, { queue, name: job.name, result } as CompletedJob);
        log.debug('job completed');
        return result;
      } catch (error) {
        end({ outcome: error instanceof RateLimitError ? 'rate_limited' : 'failed' });
        throw error;
      }
    });
  };
  worker.on('failed', (job, error) => {
    metrics.jobFailures.inc({ queue });
    logger
      .child({ queue, jobId: job?.id, jobName: job?.name, context: 'WorkerRunner' })
      .warn(`${queue} job ${job?.id ?? '?'} failed: ${error.message}`);
  });
  worker.on('error', (error) =>
    logger.child({ queue, context: 'WorkerRunner' }).error(`${queue} worker: ${error.message}`),
  );
}
