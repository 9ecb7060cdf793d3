import type { Type } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, Worker } from 'bullmq';
import type { AppConfig } from '@labpulse/config';
import type { PollQueueName } from '@labpulse/queue';
import { type JobHandlers, dispatchJob } from '../jobs/job-dispatch';
import { type PollSummary, PollService } from './poll.service';

/**
 * BullMQ binds a worker to one queue, so each poll queue gets its own class; all delegate to
 * PollService. Each platform queue has its own limiter, and a platform's rate-limit signal pauses
 * that queue alone (for every worker) until the platform's reset time.
 */
function pollProcessor(queue: PollQueueName, jobsPerMinute: number | null): Type<WorkerHost> {
  @Processor(queue, { autorun: false, ...(jobsPerMinute ? { limiter: { max: jobsPerMinute, duration: 60_000 } } : {}) })
  class PollProcessor extends WorkerHost {
    private readonly handlers: JobHandlers<PollQueueName> = { poll: (job) => this.poll(job.data.sourceId) };

    constructor(private readonly polls: PollService) {
      super();
    }

    process(job: Job): Promise<unknown> {
      return dispatchJob(queue, this.handlers, job);
    }

    private async poll(sourceId: string): Promise<PollSummary> {
      const summary = await this.polls.poll(sourceId);
      if (summary.delayPlatformUntil) {
        await this.worker.rateLimit(Math.max(1_000, Date.parse(summary.delayPlatformUntil) - Date.now()));
        // Puts this job back to wait without spending an attempt; it resumes from the stored cursor.
        throw Worker.RateLimitError();
      }
      return summary;
    }
  }
  Object.defineProperty(PollProcessor, 'name', { value: `PollProcessor(${queue})` });
  return PollProcessor;
}

export function pollProcessors(config: AppConfig): Record<PollQueueName, Type<WorkerHost>> {
  const perMinute = config.platforms.pollJobsPerMinute;
  return {
    'poll-x': pollProcessor('poll-x', perMinute),
    'poll-facebook': pollProcessor('poll-facebook', perMinute),
    'poll-linkedin': pollProcessor('poll-linkedin', perMinute),
    import: pollProcessor('import', null),
  };
}
