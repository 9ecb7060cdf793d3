import type { StanceCue } from './stance-cues';

const NEG = 0;
const NEU = 1;
const POS = 2;
const QUESTION_PULL = 0.4;

/**
 * Adjusts class probabilities [negative, neutral, positive] in place: sarcasm swaps the polar
 * classes when the literal reading is positive; a wording cue pulls toward its polarity; a question
 * with no cue pulls toward neutral ("Is GPT-5 any good?").
 */
export function applyCues(p: Float64Array, cue: StanceCue | null, sarcastic: boolean, question: boolean): void {
  if (sarcastic && p[POS] > p[NEG]) {
    const t = p[POS];
    p[POS] = p[NEG];
    p[NEG] = t;
  }
  if (cue) {
    const w = cue.strength * Math.min(1, Math.abs(cue.polarity));
    pull(p, cue.polarity > 0 ? POS : NEG, w);
  } else if (question) {
    pull(p, NEU, QUESTION_PULL);
  }
}

function pull(p: Float64Array, toward: number, w: number): void {
  for (let c = 0; c < 3; c++) p[c] = (1 - w) * p[c] + (c === toward ? w : 0);
}
