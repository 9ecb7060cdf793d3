import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { type JobHandlers, dispatchJob } from '../jobs/job-dispatch';
import { RescoreService } from './rescore.service';
import { ScoreService } from './score.service';

// A batch takes well under a second, so a short lock lets another worker take over a killed
// worker's batch within ~15 s instead of BullMQ's default ~60 s (measured by test:faults worker-kill).
// The lock is renewed every LOCK_MS / 2 while a job runs; rescore yields between batches.
const LOCK_MS = 10_000;
const STALLED_CHECK_MS = 5_000;

/** The CPU-bound queue: scoring new posts, and re-scoring a range after a model upgrade. */
// Two stalls before a job fails: a long synchronous batch (SCORE_BATCH_SIZE up to 5,000) may miss a
// renewal once without its posts waiting for the 5-minute outbox sweep.
@Processor('score', { autorun: false, lockDuration: LOCK_MS, stalledInterval: STALLED_CHECK_MS, maxStalledCount: 2 })
export class ScoreProcessor extends WorkerHost {
  private readonly handlers: JobHandlers<'score'> = {
    score: (job) => this.scores.score(job.data.postIds),
    rescore: (job) => this.rescores.rescore(job.data, (next) => job.updateData(next)),
  };

  constructor(
    private readonly scores: ScoreService,
    private readonly rescores: RescoreService,
  ) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob('score', this.handlers, job);
  }
}
