import type { ScoreResult } from '@labpulse/nlp';
import type { PostScore } from '@labpulse/persistence';

/** The scorer's result as stored: unscored posts keep their mentions (volume) without stance. */
export function toPostScore(postId: string, result: ScoreResult): PostScore {
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
