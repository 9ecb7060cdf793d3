import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import type { RescorePayload, ScorePayload } from '@labpulse/queue';
import { RescoreService } from './rescore.service';
import { ScoreService } from './score.service';

/** The CPU-bound queue: scoring new posts, and re-scoring a range after a model upgrade. */
@Processor('score', { autorun: false })
export class ScoreProcessor extends WorkerHost {
  constructor(
    private readonly scores: ScoreService,
    private readonly rescores: RescoreService,
  ) {
    super();
  }

  process(job: Job<ScorePayload> | Job<RescorePayload>): Promise<unknown> {
    if (job.name === 'rescore') {
      const rescore = job as Job<RescorePayload>;
      return this.rescores.rescore(rescore.data, (next) => rescore.updateData(next));
    }
    return this.scores.score((job as Job<ScorePayload>).data.postIds);
  }
}
