import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { MODEL_VERSION } from '@labpulse/nlp';
import { ScoringRepository } from '@labpulse/persistence';
import { JobProducer } from '@labpulse/queue';
import { toPostScore } from './post-score.mapper';
import { ScorerProvider } from './scorer.provider';

// A job of 1,000 long posts is seconds of CPU: hand the event loop back this often, so job lock
// renewals, health probes and (in the all-in-one process) the API keep answering meanwhile.
const YIELD_EVERY_MS = 10;

export interface ScoreResult {
  scored: number;
  skipped: number;
}

/** Scores a batch of posts once per model version, then asks for their buckets to be re-aggregated. */
@Injectable()
export class ScoreService {
  constructor(
    private readonly scoring: ScoringRepository,
    private readonly scorers: ScorerProvider,
    private readonly jobs: JobProducer,
  ) {}

  async score(postIds: string[]): Promise<ScoreResult> {
    const posts = await this.scoring.loadUnscoredPosts(postIds, MODEL_VERSION);
    const scorer = await this.scorers.current();
    const scores = [];
    let sliceStart = performance.now();
    for (const post of posts) {
      scores.push(toPostScore(String(post.id), scorer.score({ text: post.text, language: post.language })));
      if (performance.now() - sliceStart > YIELD_EVERY_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    const fresh = await this.scoring.saveScores(MODEL_VERSION, postIds, scores);
    if (fresh > 0) await this.jobs.enqueue({ queue: 'aggregate', name: 'aggregate', data: {} });
    return { scored: fresh, skipped: postIds.length - fresh };
  }
}
