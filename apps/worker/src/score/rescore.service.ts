import { Injectable, Logger } from '@nestjs/common';
import { PLATFORMS } from '@labpulse/connectors';
import { MODEL_VERSION } from '@labpulse/nlp';
import { ScoringRepository } from '@labpulse/persistence';
import { JobProducer, type RescorePayload } from '@labpulse/queue';
import { toPostScore } from './post-score.mapper';
import { ScorerProvider } from './scorer.provider';

const BATCH = 500;
const DAY_MS = 86_400_000;

export interface RescoreResult {
  scored: number;
  days: number;
}

/**
 * Re-scores a time range with the current model, one UTC day at a time: every post of the day is
 * scored first, then the day's buckets are marked dirty at once, so each bucket is rebuilt from one
 * model version, never a mix. `onDayDone` records progress so a retry resumes at the next day.
 */
@Injectable()
export class RescoreService {
  private readonly logger = new Logger(RescoreService.name);

  constructor(
    private readonly scoring: ScoringRepository,
    private readonly scorers: ScorerProvider,
    private readonly jobs: JobProducer,
  ) {}

  async rescore(range: RescorePayload, onDayDone: (next: RescorePayload) => Promise<void>): Promise<RescoreResult> {
    const end = new Date(range.to);
    let day = new Date(range.from);
    let scored = 0;
    let days = 0;
    while (day < end) {
      const dayEnd = new Date(Math.min(end.getTime(), Math.floor(day.getTime() / DAY_MS) * DAY_MS + DAY_MS));
      for (const platform of PLATFORMS) scored += await this.rescoreSlice(platform, day, dayEnd);
      const buckets = await this.scoring.markRangeDirty(day, dayEnd, MODEL_VERSION);
      if (buckets > 0) await this.jobs.enqueue({ queue: 'aggregate', name: 'aggregate', data: {} });
      days += 1;
      day = dayEnd;
      await onDayDone({ from: day.toISOString(), to: range.to });
    }
    this.logger.log(`rescored ${scored} posts over ${days} day(s) with ${MODEL_VERSION}`);
    return { scored, days };
  }

  private async rescoreSlice(platform: (typeof PLATFORMS)[number], from: Date, to: Date): Promise<number> {
    let after: { postedAt: Date; id: string } | null = null;
    let scored = 0;
    for (;;) {
      const batch = await this.scoring.findUnscored(platform, from, to, MODEL_VERSION, after, BATCH);
      if (batch.length === 0) return scored;
      const ids = batch.map((row) => row.id);
      const posts = await this.scoring.loadPosts(ids);
      const scorer = await this.scorers.current();
      const scores = posts.map((post) =>
        toPostScore(String(post.id), scorer.score({ text: post.text, language: post.language })),
      );
      scored += await this.scoring.saveScores(MODEL_VERSION, ids, scores, { markDirty: false });
      after = batch[batch.length - 1];
    }
  }
}
