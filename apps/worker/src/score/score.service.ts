import { Injectable } from '@nestjs/common';
import { MODEL_VERSION } from '@labpulse/nlp';
import { ScoringRepository } from '@labpulse/persistence';
import { JobProducer } from '@labpulse/queue';
import { toPostScore } from './post-score.mapper';
import { ScorerProvider } from './scorer.provider';

/** Scores a batch of posts once per model version, then asks for their buckets to be re-aggregated. */
@Injectable()
export class ScoreService {
  constructor(
    private readonly scoring: ScoringRepository,
    private readonly scorers: ScorerProvider,
    private readonly jobs: JobProducer,
  ) {}

  async score(postIds: string[]): Promise<{ scored: number; skipped: number }> {
    const posts = await this.scoring.loadUnscoredPosts(postIds, MODEL_VERSION);
    const scorer = await this.scorers.current();
    const scores = posts.map((post) => toPostScore(String(post.id), scorer.score({ text: post.text, language: post.language })));
    const fresh = await this.scoring.saveScores(MODEL_VERSION, postIds, scores);
    if (fresh > 0) await this.jobs.enqueue({ queue: 'aggregate', name: 'aggregate', data: {} });
    return { scored: fresh, skipped: postIds.length - fresh };
  }
}
