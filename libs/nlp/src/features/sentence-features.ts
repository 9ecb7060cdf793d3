import type { Lexicon } from '../model/lexicon';
import { type Token, TokenKind } from '../text/tokenizer';
import { type FeatureVector, fnv, fnvCode, seed } from './feature-vector';
import { charCode } from '../text/char-code';

const UNIGRAM = seed('u|');
const NEG_UNIGRAM = seed('n|');
const BIGRAM = seed('b|');
const CHAR = seed('c|');
const DENSE = seed('d|');

const D_LEX_POS = fnv(DENSE, 'lexpos');
const D_LEX_NEG = fnv(DENSE, 'lexneg');
const D_LEX_LAST = fnv(DENSE, 'lexlast');
const D_LEX_MAX = fnv(DENSE, 'lexmax');
const D_LEX_MIN = fnv(DENSE, 'lexmin');
const D_CAPS = fnv(DENSE, 'caps');
const D_ELONG = fnv(DENSE, 'elong');
const D_EMPTY = fnv(DENSE, 'empty');

/** Weight of one character n-gram relative to a word; there are many more of them. */
const CHAR_WEIGHT = 0.3;
const MIN_CHAR_GRAM = 3;
const MAX_CHAR_GRAM = 5;

/** How a span's lexicon words add up; also read by the target features. */
export interface LexiconSummary {
  pos: number;
  neg: number;
  last: number;
  max: number;
  min: number;
  count: number;
}

export function emptySummary(): LexiconSummary {
  return { pos: 0, neg: 0, last: 0, max: 0, min: 0, count: 0 };
}

/** Prior polarity of one token, flipped (and damped) inside a negation scope. */
export function tokenPolarity(t: Token, lexicon: Lexicon): number {
  let v = lexicon.get(t.norm);
  if (v === undefined && t.kind === TokenKind.Hashtag) v = lexicon.get(t.norm.slice(1));
  if (v === undefined) return 0;
  if (t.neg) v = -0.7 * v;
  if (t.caps || t.elongated) v *= 1.3;
  return v;
}

/**
 * Features of tokens [from, to) for the sentence model: unigrams (negation-marked), bigrams, character
 * 3-5-grams of words, and lexicon sums. Works on any span, so a clause can be scored on its own.
 */
export function addSentenceFeatures(
  tokens: readonly Token[],
  from: number,
  to: number,
  lexicon: Lexicon,
  out: FeatureVector,
): LexiconSummary {
  const lex = emptySummary();
  let caps = 0;
  let elongated = 0;
  let prev = '<s>';
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    const norm = t.norm;
    out.add(fnv(t.neg ? NEG_UNIGRAM : UNIGRAM, norm));
    out.add(fnv(fnvCode(fnv(BIGRAM, prev), 32), norm));
    prev = norm;
    if (t.kind === TokenKind.Word) {
      if (norm.length >= MIN_CHAR_GRAM && norm[0] !== '<') addCharGrams(norm, out);
    } else if (t.kind === TokenKind.Hashtag) {
      const word = norm.slice(1);
      out.add(fnv(UNIGRAM, word));
      if (word.length >= MIN_CHAR_GRAM) addCharGrams(word, out);
    }
    if (t.caps) caps++;
    if (t.elongated) elongated++;
    const v = tokenPolarity(t, lexicon);
    if (v !== 0) {
      if (v > 0) lex.pos += v;
      else lex.neg -= v;
      lex.last = v;
      if (v > lex.max) lex.max = v;
      if (v < lex.min) lex.min = v;
      lex.count++;
    }
  }
  out.add(fnv(fnvCode(fnv(BIGRAM, prev), 32), '</s>'));
  if (to <= from) out.add(D_EMPTY);
  if (lex.pos > 0) out.add(D_LEX_POS, Math.min(lex.pos, 3));
  if (lex.neg > 0) out.add(D_LEX_NEG, Math.min(lex.neg, 3));
  if (lex.count > 0) {
    out.add(D_LEX_LAST, lex.last);
    out.add(D_LEX_MAX, lex.max);
    out.add(D_LEX_MIN, lex.min);
  }
  if (caps > 0) out.add(D_CAPS, Math.min(caps, 3) / 3);
  if (elongated > 0) out.add(D_ELONG);
  return lex;
}

function addCharGrams(word: string, out: FeatureVector): void {
  // Boundaries marked with "^" and "$" so prefixes and suffixes differ from inner grams.
  const n = word.length + 2;
  for (let i = 0; i + MIN_CHAR_GRAM <= n; i++) {
    let h = CHAR;
    for (let k = 0; k < MAX_CHAR_GRAM && i + k < n; k++) {
      const p = i + k;
      h = fnvCode(h, p === 0 ? 94 : p === n - 1 ? 36 : charCode(word, p - 1));
      if (k + 1 >= MIN_CHAR_GRAM) out.add(h, CHAR_WEIGHT);
    }
  }
}
