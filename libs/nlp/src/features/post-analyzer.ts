import type { Lexicon } from '../model/lexicon';
import type { LinearModel } from '../model/linear-model';
import { type Token, tokenize } from '../text/tokenizer';
import { FeatureVector } from './feature-vector';
import { addSentenceFeatures } from './sentence-features';
import { clauseOf, type TargetRange, TargetFeaturizer } from './target-features';

/** Sentence features of a whole text, for training the sentence model (which does not exist yet). */
export function sentenceFeatures(text: string, lexicon: Lexicon, out: FeatureVector): Token[] {
  const tokens = tokenize(text);
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
  private readonly clause: FeatureVector;
  private readonly clauseProbs = new Float64Array(3);
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
    this.clause = new FeatureVector(general.bits);
    this.featurizer = new TargetFeaturizer(general, lexicon);
  }

  /** `namesLab`: the matcher found a lab in the post, so the AI-lab models read it. */
  load(text: string, namesLab: boolean): void {
    this.sentence = namesLab ? this.lab : this.general;
    this.featurizer.sentence = this.sentence;
    this.tokens = sentenceFeatures(text, this.lexicon, this.text);
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

  /**
   * Target features as if the target's clause were the whole post (text features, text
   * probabilities and context all from the clause): used when a contrast word sets it apart.
   */
  addClauseTargetFeatures(range: TargetRange, others: readonly TargetRange[], out: FeatureVector): void {
    const { c0, c1 } = clauseOf(this.tokens, range);
    const tokens = this.tokens.slice(c0, c1 + 1);
    this.clause.clear();
    addSentenceFeatures(tokens, 0, tokens.length, this.lexicon, this.clause);
    this.sentence.predict(this.clause, this.clauseProbs);
    out.clear();
    const inClause = others.filter((o) => o.t0 >= c0 && o.t1 <= c1).map((o) => ({ t0: o.t0 - c0, t1: o.t1 - c0 }));
    this.featurizer.add(tokens, { t0: range.t0 - c0, t1: range.t1 - c0 }, inClause, this.clause, this.clauseProbs, out);
  }

  /** `others`: where the post names other labs (their words are told apart from the target's). */
  addTargetFeatures(range: TargetRange, others: readonly TargetRange[], out: FeatureVector): void {
    out.clear();
    this.featurizer.add(this.tokens, range, others, this.text, this.textProbs, out);
  }
}
