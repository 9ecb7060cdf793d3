import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * Prior polarity of each given word as wink-nlp's sentiment lexicon scores it on its own (training
 * time only: the result ships in the weights file so the scorer needs no wink pass at runtime).
 */
export function winkLexicon(words: Iterable<string>): Map<string, number> {
  const nlp = winkNLP(model, ['sbd', 'negation', 'sentiment']);
  const its = nlp.its;
  const out = new Map<string, number>();
  for (const w of words) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- wink-nlp's its.* are plain functions
    const v = nlp.readDoc(w).out(its.sentiment) as number;
    if (typeof v === 'number' && v !== 0 && Number.isFinite(v)) out.set(w, Math.max(-1, Math.min(1, v)));
  }
  return out;
}
