import type { Lexicon } from '../model/lexicon';
import type { LinearModel } from '../model/linear-model';
import { maskSpans, type Token, tokenize } from '../text/tokenizer';
import { FeatureVector } from './feature-vector';
import { addSentenceFeatures } from './sentence-features';
import { type TargetRange, TargetFeaturizer } from './target-features';

/** UTF-16 [start, end) of each place a post names a lab. */
export type LabSpans = ReadonlyArray<readonly [number, number]>;

/** Sentence features of a whole text; the words of `labSpans` read as "<lab>" (see maskSpans). */
export function sentenceFeatures(text: string, lexicon: Lexicon, out: FeatureVector, labSpans: LabSpans = []): Token[] {
  const tokens = tokenize(text);
  if (labSpans.length > 0) maskSpans(tokens, labSpans);
  out.clear();
  addSentenceFeatures(tokens, 0, tokens.length, lexicon, out);
  return tokens;
}

/**
 * One post at a time: tokens, sentence features and sentence probabilities computed once, then
 * target features for each lab or target named. Reused across posts to avoid allocation.
 */
export class PostAnalyzer {
  tokens: Token[] = [];
  readonly text: FeatureVector;
  readonly textProbs = new Float64Array(3);
  private readonly featurizer: TargetFeaturizer;

  /** The sentence model for the loaded post: the AI-lab one when it names a lab, else the general one. */
  private sentence: LinearModel;

  constructor(
    private readonly lexicon: Lexicon,
    private readonly general: LinearModel,
    private readonly lab: LinearModel,
  ) {
    this.sentence = general;
    this.text = new FeatureVector(general.bits);
    this.featurizer = new TargetFeaturizer(general, lexicon);
  }

  /** `labSpans`: where the matcher found labs; a post naming one is read by the AI-lab models. */
  load(text: string, labSpans: LabSpans): void {
    this.sentence = labSpans.length > 0 ? this.lab : this.general;
    this.featurizer.sentence = this.sentence;
    this.tokens = sentenceFeatures(text, this.lexicon, this.text, labSpans);
    this.sentence.predict(this.text, this.textProbs);
  }

  /** Tokens covering UTF-16 span [start, end), or null when no token does. */
  rangeOf(start: number, end: number): TargetRange | null {
    const tokens = this.tokens;
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid].end <= start) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= tokens.length || tokens[lo].start >= end) return null;
    let t1 = lo;
    while (t1 + 1 < tokens.length && tokens[t1 + 1].start < end) t1++;
    return { t0: lo, t1 };
  }

  /** `others`: where the post names other labs (their words are told apart from the target's). */
  addTargetFeatures(range: TargetRange, others: readonly TargetRange[], out: FeatureVector): void {
    out.clear();
    this.featurizer.add(this.tokens, range, others, this.text, this.textProbs, out);
  }
}
