import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { RetentionRepository, retentionHorizon } from '@labpulse/persistence';
import { JobProducer } from '@labpulse/queue';

// Delete statements per job: the schedule queue also runs the fan-out tick, so a long purge yields
// and continues in a fresh job instead of holding the queue.
const BATCHES_PER_JOB = 20;

export interface RetentionJobResult {
  horizon: string | null;
  watermark: string | null;
  heldBack: string | null;
  posts: number;
  complete: boolean;
}

/** The scheduled retention pass (hourly, see ScheduleProcessor); `cli retention run` does the same at once. */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly retention: RetentionRepository,
    private readonly jobs: JobProducer,
  ) {}

  async run(): Promise<RetentionJobResult> {
    const horizon = retentionHorizon(this.config.retention.postDays, new Date());
    const pass = await this.retention.runPass(horizon, this.config.retention.batchSize, {
      maxBatches: BATCHES_PER_JOB,
    });
    if (!pass.complete) await this.jobs.enqueue({ queue: 'schedule', name: 'retention', data: {} });
    if (pass.posts > 0 || pass.heldBack) {
      this.logger.log(
        `retention: purged ${pass.posts} post(s) published before ${pass.watermark?.toISOString()} ` +
          `(${pass.scores} scores, ${pass.mentions} mentions)${pass.heldBack ? `; held back: ${pass.heldBack}` : ''}${pass.complete ? '' : '; continuing'}`,
      );
    }
    return {
      horizon: horizon?.toISOString() ?? null,
      watermark: pass.watermark?.toISOString() ?? null,
      heldBack: pass.heldBack,
      posts: pass.posts,
      complete: pass.complete,
    };
  }
}
