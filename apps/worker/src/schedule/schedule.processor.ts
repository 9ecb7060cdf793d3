import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { JobProducer } from '@labpulse/queue';
import { FanoutService } from './fanout.service';
import { type RetentionJobResult, RetentionService } from './retention.service';

export const FANOUT_SCHEDULER_ID = 'fanout';
export const RETENTION_SCHEDULER_ID = 'retention';
const RETENTION_EVERY_MS = 3_600_000;

@Processor('schedule', { autorun: false })
export class ScheduleProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly fanout: FanoutService,
    private readonly retention: RetentionService,
    private readonly jobs: JobProducer,
  ) {
    super();
  }

  /** Idempotent: any number of replicas may upsert the same scheduler at once. */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.upsertScheduler(FANOUT_SCHEDULER_ID, this.config.queue.schedulerIntervalMs, {
      queue: 'schedule',
      name: 'fanout',
      data: {},
    });
    // Hourly when a retention is configured; removed otherwise, so turning it off needs no Redis surgery.
    if (this.config.retention.postDays !== null) {
      await this.jobs.upsertScheduler(RETENTION_SCHEDULER_ID, RETENTION_EVERY_MS, {
        queue: 'schedule',
        name: 'retention',
        data: {},
      });
    } else {
      await this.jobs.queue('schedule').removeJobScheduler(RETENTION_SCHEDULER_ID);
    }
  }

  process(job: Job): Promise<{ polls: number; stranded: number; dirty: number } | RetentionJobResult> {
    return job.name === 'retention' ? this.retention.run() : this.fanout.tick();
  }
}
