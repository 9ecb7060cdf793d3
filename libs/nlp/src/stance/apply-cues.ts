import type { StanceCue } from './stance-cues';

const NEG = 0;
const POS = 2;

/**
 * Adjusts class probabilities [negative, neutral, positive] in place: sarcasm swaps the polar
 * classes when the literal reading is positive; a wording cue pulls toward its polarity.
 */
export function applyCues(p: Float64Array, cue: StanceCue | null, sarcastic: boolean): void {
  if (sarcastic && p[POS] > p[NEG]) {
    const t = p[POS];
    p[POS] = p[NEG];
    p[NEG] = t;
  }
  if (cue) {
    const w = cue.strength * Math.min(1, Math.abs(cue.polarity));
    pull(p, cue.polarity > 0 ? POS : NEG, w);
  }
}

function pull(p: Float64Array, toward: number, w: number): void {
  for (let c = 0; c < 3; c++) p[c] = (1 - w) * p[c] + (c === toward ? w : 0);
}
