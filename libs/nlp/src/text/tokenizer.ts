import { charCode } from './char-code';

/** What a token is; decides which features it yields. */
export const TokenKind = {
  Url: 0,
  Handle: 1,
  Hashtag: 2,
  Emoticon: 3,
  Word: 4,
  Emoji: 5,
  Punct: 6,
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

export interface Token {
  /** Normalised form: lower-cased, elongations squeezed, "@handle" -> "@user", URL -> "<url>". */
  norm: string;
  /** UTF-16 offsets into the text, end exclusive. */
  start: number;
  end: number;
  kind: TokenKind;
  /** Inside a negation scope ("not [really good]"). */
  neg: boolean;
  /** The surface was written in capitals (two or more letters). */
  caps: boolean;
  /** The surface had a letter repeated three or more times ("sooo"). */
  elongated: boolean;
}

// One pass over the text; the alternation order matters (URLs before words, emoticons before words).
// The last class keeps emoji modifiers (ZWJ, VS16, skin tones) out of single-character tokens.
const TOKEN_RE =
  // eslint-disable-next-line no-misleading-character-class
  /(https?:\/\/\S+|www\.\S+)|([@#][\p{L}\p{N}_]+)|(<\/?3+|[:;=8][-o*'^]?[)\]([dDpPoO/\\|}{@*3]+(?![\p{L}\p{N}])|[)(\][][-o*']?[:;=](?![\p{L}\p{N}])|\^[_.]?\^|[xX][dD](?![\p{L}\p{N}]))|(\p{N}+(?:[.,:]\p{N}+)+|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*)|(\p{Extended_Pictographic})|([!?]+|\.{2,}|…|[^\s\p{M}\u200d\ufe0f\u{1f3fb}-\u{1f3ff}])/gu;

const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'cannot',
  'nothing',
  'nobody',
  'none',
  'nor',
  'neither',
  'without',
  'nowhere',
  'dont',
  'cant',
  'wont',
  'didnt',
  'doesnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'shouldnt',
  'wouldnt',
  'couldnt',
  'aint',
  'hasnt',
  'havent',
  'hadnt',
  'lack',
  'lacks',
  'lacking',
]);

/** Words that end a negation scope and start a new clause. */
export const CONTRAST_WORDS = new Set([
  'but',
  'however',
  'although',
  'though',
  'whereas',
  'while',
  'yet',
  'except',
  'unlike',
  'whilst',
]);

const NEGATION_SPAN = 5;
const ELONGATION_RE = /(\p{L})\1{2,}/gu;
const HAS_UPPER_RE = /\p{Lu}.*\p{Lu}/u;
const DIGITS_RE = /^\p{N}+(?:[.,:]\p{N}+)*$/u;

/** What a token naming a lab reads as once masked. */
export const LAB_TOKEN = '<lab>';

/**
 * Tokens inside the UTF-16 spans [start, end) become LAB_TOKEN: which lab a post names must not
 * count as what it says about it (a model would learn "openai" as a negative word).
 */
export function maskSpans(tokens: Token[], spans: ReadonlyArray<readonly [number, number]>): void {
  for (const t of tokens) {
    for (const [start, end] of spans) {
      if (t.start < end && start < t.end) {
        t.norm = LAB_TOKEN;
        t.kind = TokenKind.Word;
        break;
      }
    }
  }
}

export function isNegator(norm: string): boolean {
  return NEGATORS.has(norm) || norm.endsWith("n't");
}

/** Whether a token ends a clause (strong punctuation or a contrast word). */
export function isClauseBreak(t: Token): boolean {
  if (t.kind === TokenKind.Punct) return t.norm !== ',' && t.norm !== '-' && t.norm !== '"' && t.norm !== "'";
  return t.kind === TokenKind.Word && CONTRAST_WORDS.has(t.norm);
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const surface = m[0];
    let kind: TokenKind;
    let norm: string;
    let caps = false;
    let elongated = false;
    if (m[1] !== undefined) {
      kind = TokenKind.Url;
      norm = '<url>';
    } else if (m[2] !== undefined) {
      kind = surface[0] === '@' ? TokenKind.Handle : TokenKind.Hashtag;
      norm = kind === TokenKind.Handle ? '@user' : surface.toLowerCase();
    } else if (m[3] !== undefined) {
      kind = TokenKind.Emoticon;
      norm = surface.toLowerCase();
    } else if (m[4] !== undefined) {
      kind = TokenKind.Word;
      const lower = surface.toLowerCase();
      norm = lower.includes('’') ? lower.replace('’', "'") : lower;
      if (norm.length > 2 && hasTriple(norm)) {
        norm = norm.replace(ELONGATION_RE, '$1$1');
        elongated = true;
      }
      if (lower !== surface && HAS_UPPER_RE.test(surface) && surface === surface.toUpperCase()) caps = true;
      if (DIGITS_RE.test(norm)) norm = '<num>';
    } else if (m[5] !== undefined) {
      kind = TokenKind.Emoji;
      norm = surface;
    } else {
      kind = TokenKind.Punct;
      norm = surface.length > 1 && (surface[0] === '!' || surface[0] === '?') ? squeezeMarks(surface) : surface;
    }
    tokens.push({ norm, start, end, kind, neg: false, caps, elongated });
  }
  markNegation(tokens);
  return tokens;
}

/** A character repeated three times in a row (cheaper than the regex on every word). */
function hasTriple(s: string): boolean {
  for (let i = 2; i < s.length; i++) {
    const c = charCode(s, i);
    if (c >= 48 && c <= 57) continue;
    if (c === charCode(s, i - 1) && c === charCode(s, i - 2)) return true;
  }
  return false;
}

/** "!!!" -> "!!", "?!?!" -> "?!": the run length matters little beyond two. */
function squeezeMarks(s: string): string {
  const hasQ = s.includes('?');
  const hasE = s.includes('!');
  if (hasQ && hasE) return '?!';
  return hasQ ? '??' : '!!';
}

function markNegation(tokens: Token[]): void {
  let left = 0;
  for (const t of tokens) {
    if (left > 0) {
      if (isClauseBreak(t) || t.norm === ',') {
        left = 0;
      } else if (t.kind === TokenKind.Word || t.kind === TokenKind.Hashtag) {
        t.neg = true;
        left--;
      }
    }
    if (t.kind === TokenKind.Word && isNegator(t.norm)) left = NEGATION_SPAN;
  }
}
