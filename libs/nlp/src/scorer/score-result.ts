export type SentimentLabel = 'positive' | 'neutral' | 'negative';
export type Stance = 'favor' | 'against' | 'neutral';

export interface ScoreInput {
  text: string;
  /** Language reported by the platform (BCP 47, e.g. "en", "es-MX"); detected when absent or "und". */
  language?: string | null;
}

export interface Sentiment {
  label: SentimentLabel;
  /** P(positive) - P(negative), in [-1, 1]. */
  score: number;
  /** Probability of the chosen label, in [0, 1]. */
  confidence: number;
}

export interface Evidence {
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  text: string;
}

export interface MentionScore {
  /** Lab slug. */
  lab: string;
  stance: Stance;
  /** P(favor) - P(against), in [-1, 1]. */
  score: number;
  /** Probability of the chosen stance times the matcher's confidence that the lab is meant. */
  confidence: number;
  evidence: Evidence;
}

export interface ScoreResult {
  /** False when the post is in a language the model cannot score: keep it for volume, not sentiment. */
  scored: boolean;
  language: string;
  sentiment: Sentiment;
  /** One per lab named, in order of first mention; present even when `scored` is false. */
  mentions: MentionScore[];
}

export interface TargetSentiment extends Sentiment {
  /** Whether the target was found in the text; if not, this is the whole text's sentiment. */
  found: boolean;
}
