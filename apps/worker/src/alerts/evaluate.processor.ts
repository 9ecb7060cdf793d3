import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { type JobHandlers, dispatchJob } from '../jobs/job-dispatch';
import { AlertEvaluationService } from './alert-evaluation.service';

/**
 * Runs after each aggregation (queued by the aggregate processor) and on a schedule
 * (jobs/job-schedulers.ts), so an outage with no posts at all is noticed too.
 */
@Processor('evaluate', { autorun: false })
export class EvaluateProcessor extends WorkerHost {
  private readonly handlers: JobHandlers<'evaluate'> = {
    evaluate: (job) => this.evaluation.run(job.data.now),
  };

  constructor(private readonly evaluation: AlertEvaluationService) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob('evaluate', this.handlers, job);
  }
}
