import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig } from '@labpulse/config';
import { type AnyJob, JobProducer, type QueueName } from '@labpulse/queue';

export const FANOUT_SCHEDULER_ID = 'fanout';
export const RETENTION_SCHEDULER_ID = 'retention';
export const EVALUATE_SCHEDULER_ID = 'evaluate';
const RETENTION_EVERY_MS = 3_600_000;

/** One repeating job; `everyMs: null` removes the scheduler, so turning a job off needs no Redis surgery. */
export interface JobSchedule {
  id: string;
  everyMs: number | null;
  job: AnyJob;
}

/** Every job scheduler of the product, in one place. */
export function jobSchedules(config: AppConfig): JobSchedule[] {
  return [
    // The periodic tick: polls due sources and re-queues stranded work.
    {
      id: FANOUT_SCHEDULER_ID,
      everyMs: config.queue.schedulerIntervalMs,
      job: { queue: 'schedule', name: 'fanout', data: {} },
    },
    // Hourly when a retention is configured (docs/data-lifecycle.md).
    {
      id: RETENTION_SCHEDULER_ID,
      everyMs: config.retention.postDays === null ? null : RETENTION_EVERY_MS,
      job: { queue: 'schedule', name: 'retention', data: {} },
    },
    // Besides the pass queued after each aggregation, so an outage with no posts at all is noticed too.
    {
      id: EVALUATE_SCHEDULER_ID,
      everyMs: config.alerts.evaluationIntervalMs,
      job: { queue: 'evaluate', name: 'evaluate', data: {} },
    },
  ];
}

/**
 * Upserts, at start-up, the schedulers of the queues this process runs (WORKER_QUEUES), so a process
 * that does not run a queue never schedules its jobs. Idempotent: any number of replicas may upsert
 * the same scheduler at once.
 */
@Injectable()
export class JobSchedulerRegistrar implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobSchedulerRegistrar.name);

  constructor(
    private readonly jobs: JobProducer,
    private readonly config: AppConfig,
    private readonly queues: readonly QueueName[],
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const schedule of jobSchedules(this.config)) {
      if (!this.queues.includes(schedule.job.queue)) continue;
      if (schedule.everyMs === null) {
        await this.jobs.queue(schedule.job.queue).removeJobScheduler(schedule.id);
      } else {
        await this.jobs.upsertScheduler(schedule.id, schedule.everyMs, schedule.job);
        this.logger.debug(`scheduler ${schedule.id} every ${schedule.everyMs} ms`);
      }
    }
  }
}
