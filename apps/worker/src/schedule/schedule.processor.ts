import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { type JobHandlers, dispatchJob } from '../jobs/job-dispatch';
import { FanoutService } from './fanout.service';
import { RetentionService } from './retention.service';

/** The scheduler's jobs (their schedulers are registered in jobs/job-schedulers.ts). */
@Processor('schedule', { autorun: false })
export class ScheduleProcessor extends WorkerHost {
  private readonly handlers: JobHandlers<'schedule'> = {
    fanout: () => this.fanout.tick(),
    retention: () => this.retention.run(),
  };

  constructor(
    private readonly fanout: FanoutService,
    private readonly retention: RetentionService,
  ) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob('schedule', this.handlers, job);
  }
}
