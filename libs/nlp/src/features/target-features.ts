import type { Lexicon } from '../model/lexicon';
import type { LinearModel } from '../model/linear-model';
import { isClauseBreak, type Token, TokenKind } from '../text/tokenizer';
import { FeatureVector, fnv, fnvCode, seed } from './feature-vector';
import { addSentenceFeatures, tokenPolarity } from './sentence-features';

const CLAUSE = seed('tc|');
const LEFT = seed('tl|');
const RIGHT = seed('tr|');
const LEFT_BI = seed('tlb|');
const RIGHT_BI = seed('trb|');
const FLAG = seed('tf|');
const DENSE = seed('td|');

const D_TEXT = [fnv(DENSE, 'text-neg'), fnv(DENSE, 'text-neu'), fnv(DENSE, 'text-pos')];
const D_CLAUSE = [fnv(DENSE, 'clause-neg'), fnv(DENSE, 'clause-neu'), fnv(DENSE, 'clause-pos')];
const D_WINDOW = [fnv(DENSE, 'win-neg'), fnv(DENSE, 'win-neu'), fnv(DENSE, 'win-pos')];
const D_LEX_CLAUSE_POS = fnv(DENSE, 'lex-clause-pos');
const D_LEX_CLAUSE_NEG = fnv(DENSE, 'lex-clause-neg');
const D_LEX_NEAR = fnv(DENSE, 'lex-near');
const D_LEX_DIST = fnv(DENSE, 'lex-dist');
const F_QUESTION = fnv(FLAG, 'question');
const F_CLAUSE_FIRST = fnv(FLAG, 'clause-first');
const F_CLAUSE_LAST = fnv(FLAG, 'clause-last');
const F_TEXT_FIRST = fnv(FLAG, 'text-first');
const F_CONTRAST_BEFORE = fnv(FLAG, 'contrast-before');
const F_CONTRAST_AFTER = fnv(FLAG, 'contrast-after');
const F_WHOLE_TEXT = fnv(FLAG, 'clause-is-text');
const OWN = seed('to|');
const OTHER = seed('tx|');
const D_OWN = [fnv(DENSE, 'own-neg'), fnv(DENSE, 'own-neu'), fnv(DENSE, 'own-pos')];
const D_OTHER = [fnv(DENSE, 'other-neg'), fnv(DENSE, 'other-neu'), fnv(DENSE, 'other-pos')];
const F_MULTI = fnv(FLAG, 'multi-lab');
/** Crossing a clause break counts as this many tokens when words are attributed to the nearest lab. */
const CLAUSE_DISTANCE = 4;

const WINDOW = 3;
const NEAR = 4;

/** Tokens [t0, t1] (inclusive) name the target. */
export interface TargetRange {
  t0: number;
  t1: number;
}

/** Clause around a target: tokens between the nearest clause breaks (punctuation, "but", ...). */
export function clauseOf(tokens: readonly Token[], range: TargetRange): { c0: number; c1: number } {
  let c0 = range.t0;
  while (c0 > 0 && !isClauseBreak(tokens[c0 - 1])) c0--;
  let c1 = range.t1;
  while (c1 + 1 < tokens.length && !isClauseBreak(tokens[c1 + 1])) c1++;
  // A closing "!" or "?" belongs to the clause it ends.
  if (c1 + 1 < tokens.length && tokens[c1 + 1].kind === TokenKind.Punct && /[!?]/.test(tokens[c1 + 1].norm)) c1++;
  return { c0, c1 };
}

/**
 * Features of what a text says about one target: the sentence model's view of the whole text, of
 * the target's clause and of a small window around it; the words of that clause; the words right
 * before and after the target; and lexicon polarity weighted by distance.
 */
export class TargetFeaturizer {
  private readonly scratch: FeatureVector;
  private readonly probs = new Float64Array(3);
  private readonly ownShare: Token[] = [];

  private readonly otherShare: Token[] = [];

  constructor(
    /** The sentence model for the post being featurised (PostAnalyzer sets it per post). */
    public sentence: LinearModel,
    private readonly lexicon: Lexicon,
  ) {
    this.scratch = new FeatureVector(sentence.bits);
  }

  /**
   * `text` holds the sentence features of the whole text and `textProbs` the sentence model's
   * probabilities for it: both are computed once per post and shared by all its targets.
   */
  add(
    tokens: readonly Token[],
    range: TargetRange,
    others: readonly TargetRange[],
    text: FeatureVector,
    textProbs: Float64Array,
    out: FeatureVector,
  ): void {
    if (text.mask !== out.mask) throw new Error('the target model must use the sentence model hash size');
    if (others.length > 0) this.addAttribution(tokens, range, others, out);
    // The whole text's words and the sentence model's view of it, with the target model's own
    // weights. In a post naming several labs the whole text speaks of all of them: the target's
    // share of the words (addAttribution) stands in for it.
    if (others.length === 0) {
      for (let i = 0; i < text.length; i++) out.add(text.idx[i], text.val[i]);
      for (let c = 0; c < 3; c++) out.add(D_TEXT[c], textProbs[c]);
    }
    const { c0, c1 } = clauseOf(tokens, range);
    // Short posts are often one clause, and a clause often fits the window: reuse what is known.
    const wholeText = c0 === 0 && c1 === tokens.length - 1;
    const clauseProbs = wholeText ? textProbs : this.spanProbs(tokens, c0, c1 + 1);
    for (let c = 0; c < 3; c++) out.add(D_CLAUSE[c], clauseProbs[c]);
    const w0 = Math.max(c0, range.t0 - NEAR);
    const w1 = Math.min(c1, range.t1 + NEAR);
    const winProbs = w0 === c0 && w1 === c1 ? clauseProbs : this.spanProbs(tokens, w0, w1 + 1);
    for (let c = 0; c < 3; c++) out.add(D_WINDOW[c], winProbs[c]);

    let lexPos = 0;
    let lexNeg = 0;
    let question = false;
    for (let i = c0; i <= c1; i++) {
      const t = tokens[i];
      if (t.kind === TokenKind.Punct && t.norm.includes('?')) question = true;
      if (i >= range.t0 && i <= range.t1) continue;
      out.add(fnv(CLAUSE, t.neg ? `!${t.norm}` : t.norm));
      const v = tokenPolarity(t, this.lexicon);
      if (v > 0) lexPos += v;
      else lexNeg -= v;
    }
    if (lexPos > 0) out.add(D_LEX_CLAUSE_POS, Math.min(lexPos, 3));
    if (lexNeg > 0) out.add(D_LEX_CLAUSE_NEG, Math.min(lexNeg, 3));

    let near = 0;
    let dist = 0;
    for (let i = 0; i < tokens.length; i++) {
      if (i >= range.t0 && i <= range.t1) continue;
      const v = tokenPolarity(tokens[i], this.lexicon);
      if (v === 0) continue;
      const d = i < range.t0 ? range.t0 - i : i - range.t1;
      if (d <= NEAR && i >= c0 && i <= c1) near += v;
      dist += v / d;
    }
    if (near !== 0) out.add(D_LEX_NEAR, near);
    if (dist !== 0) out.add(D_LEX_DIST, dist);

    for (let d = 1; d <= WINDOW; d++) {
      const l = range.t0 - d;
      if (l >= c0) out.add(fnvCode(fnv(LEFT, tokens[l].norm), 48 + d));
      const r = range.t1 + d;
      if (r <= c1) out.add(fnvCode(fnv(RIGHT, tokens[r].norm), 48 + d));
    }
    const l1 = range.t0 - 1 >= c0 ? tokens[range.t0 - 1].norm : '<c>';
    const l2 = range.t0 - 2 >= c0 ? tokens[range.t0 - 2].norm : '<c>';
    out.add(fnv(fnvCode(fnv(LEFT_BI, l2), 32), l1));
    const r1 = range.t1 + 1 <= c1 ? tokens[range.t1 + 1].norm : '<c>';
    const r2 = range.t1 + 2 <= c1 ? tokens[range.t1 + 2].norm : '<c>';
    out.add(fnv(fnvCode(fnv(RIGHT_BI, r1), 32), r2));

    if (question) out.add(F_QUESTION);
    if (range.t0 === c0) out.add(F_CLAUSE_FIRST);
    if (range.t1 === c1) out.add(F_CLAUSE_LAST);
    if (range.t0 === 0) out.add(F_TEXT_FIRST);
    if (c0 === 0 && c1 >= tokens.length - 1) out.add(F_WHOLE_TEXT);
    if (c0 > 0 && tokens[c0 - 1].kind === TokenKind.Word) out.add(F_CONTRAST_BEFORE);
    if (c1 + 1 < tokens.length && tokens[c1 + 1].kind === TokenKind.Word) out.add(F_CONTRAST_AFTER);
  }

  /**
   * In a post naming several labs, each word goes to the nearest lab named (clause breaks count as
   * distance): the words of this target's share and of the others' share, and the sentence model's
   * view of each share, tell "DeepSeek is goated, OpenAI is cooked" apart for each lab.
   */
  private addAttribution(
    tokens: readonly Token[],
    range: TargetRange,
    others: readonly TargetRange[],
    out: FeatureVector,
  ): void {
    const own = this.ownShare;
    const other = this.otherShare;
    own.length = 0;
    other.length = 0;
    const ranges = [range, ...others];
    const at = distanceIndex(tokens);
    for (let i = 0; i < tokens.length; i++) {
      let best = Infinity;
      let bestIsOwn = false;
      let inside = false;
      for (let r = 0; r < ranges.length; r++) {
        const { t0, t1 } = ranges[r];
        if (i >= t0 && i <= t1) {
          inside = true;
          break;
        }
        const d = i < t0 ? at[t0] - at[i] : at[i] - at[t1];
        if (d < best || (d === best && r === 0)) {
          best = d;
          bestIsOwn = r === 0;
        }
      }
      if (inside) continue;
      const t = tokens[i];
      if (t.kind === TokenKind.Punct) continue;
      const word = t.neg ? `!${t.norm}` : t.norm;
      if (bestIsOwn) {
        own.push(t);
        out.add(fnv(OWN, word));
      } else {
        other.push(t);
        out.add(fnv(OTHER, word));
      }
    }
    out.add(F_MULTI);
    const ownProbs = this.spanProbs(own, 0, own.length);
    for (let c = 0; c < 3; c++) out.add(D_OWN[c], ownProbs[c]);
    const otherProbs = this.spanProbs(other, 0, other.length);
    for (let c = 0; c < 3; c++) out.add(D_OTHER[c], otherProbs[c]);
  }

  /** Returns a shared buffer: read (or copy) it before the next call. */
  private spanProbs(tokens: readonly Token[], from: number, to: number): Float64Array {
    this.scratch.clear();
    addSentenceFeatures(tokens, from, to, this.lexicon, this.scratch);
    return this.sentence.predict(this.scratch, this.probs);
  }
}

/** Position of each token where every clause break before it adds CLAUSE_DISTANCE. */
function distanceIndex(tokens: readonly Token[]): Int32Array {
  const at = new Int32Array(tokens.length);
  let pos = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && isClauseBreak(tokens[i - 1])) pos += CLAUSE_DISTANCE;
    at[i] = pos++;
  }
  return at;
}
