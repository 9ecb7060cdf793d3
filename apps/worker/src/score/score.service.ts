import { Injectable } from '@nestjs/common';
import { MODEL_VERSION, type ScoreResult } from '@labpulse/nlp';
import { type PostScore, ScoringRepository } from '@labpulse/persistence';
import { JobProducer } from '@labpulse/queue';
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
    const posts = await this.scoring.loadPosts(postIds);
    const scorer = await this.scorers.current();
    const scores = posts.map((post) => toPostScore(String(post.id), scorer.score({ text: post.text, language: post.language })));
    const fresh = await this.scoring.saveScores(MODEL_VERSION, postIds, scores);
    if (fresh > 0) await this.jobs.enqueue({ queue: 'aggregate', name: 'aggregate', data: {} });
    return { scored: fresh, skipped: postIds.length - fresh };
  }
}

function toPostScore(postId: string, result: ScoreResult): PostScore {
  return {
    postId,
    scored: result.scored,
    language: result.language,
    sentiment: result.scored ? result.sentiment : null,
    mentions: result.mentions.map((m) => ({
      lab: m.lab,
      stance: result.scored ? m.stance : null,
      score: result.scored ? m.score : null,
      confidence: result.scored ? m.confidence : null,
      evidence: m.evidence,
    })),
  };
}
