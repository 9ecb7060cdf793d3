import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { JobProducer } from '@labpulse/queue';
import { FanoutService } from './fanout.service';

export const FANOUT_SCHEDULER_ID = 'fanout';

@Processor('schedule', { autorun: false })
export class ScheduleProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly fanout: FanoutService,
    private readonly jobs: JobProducer,
  ) {
    super();
  }

  /** Idempotent: any number of replicas may upsert the same scheduler at once. */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs
      .queue('schedule')
      .upsertJobScheduler(FANOUT_SCHEDULER_ID, { every: this.config.queue.schedulerIntervalMs }, { name: 'fanout', data: {} });
  }

  process(): Promise<{ polls: number; stranded: number; dirty: number }> {
    return this.fanout.tick();
  }
}
