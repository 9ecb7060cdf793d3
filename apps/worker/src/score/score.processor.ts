import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import type { ScorePayload } from '@labpulse/queue';
import { ScoreService } from './score.service';

@Processor('score', { autorun: false })
export class ScoreProcessor extends WorkerHost {
  constructor(private readonly scores: ScoreService) {
    super();
  }

  process(job: Job<ScorePayload>): Promise<{ scored: number; skipped: number }> {
    return this.scores.score(job.data.postIds);
  }
}
