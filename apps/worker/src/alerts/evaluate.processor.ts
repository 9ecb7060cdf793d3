import { Inject, type OnApplicationBootstrap } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { type EvaluatePayload, JobProducer } from '@labpulse/queue';
import { AlertEvaluationService, type EvaluationSummary } from './alert-evaluation.service';

export const EVALUATE_SCHEDULER_ID = 'evaluate';

/** Runs after each aggregation (queued by the aggregate processor) and on a schedule, so an outage with no posts at all is noticed too. */
@Processor('evaluate', { autorun: false })
export class EvaluateProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly evaluation: AlertEvaluationService,
    private readonly jobs: JobProducer,
  ) {
    super();
  }

  /** Idempotent: any number of replicas may upsert the same scheduler at once. */
  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.upsertScheduler(EVALUATE_SCHEDULER_ID, this.config.alerts.evaluationIntervalMs, {
      queue: 'evaluate',
      name: 'evaluate',
      data: {},
    });
  }

  process(job: Job<EvaluatePayload>): Promise<EvaluationSummary> {
    return this.evaluation.run(job.data.now);
  }
}
