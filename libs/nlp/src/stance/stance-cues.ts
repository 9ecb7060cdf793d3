import { clauseOf, type TargetRange } from '../features/target-features';
import { type Token, TokenKind } from '../text/tokenizer';

/** A rule's verdict on one target: +1 favours it, -1 goes against it; `strength` in (0, 1]. */
export interface StanceCue {
  polarity: number;
  strength: number;
  rule: string;
}

interface Comparison {
  seq: string[];
  /** Polarity for what stands before the cue (the subject) and after it (the object). */
  subject: number;
  object: number;
  /** "matches", "rivals": a level comparison that a cost cue can tip. */
  level?: boolean;
}

const SUPERIOR = [
  'beats',
  'beat',
  'beating',
  'outperforms',
  'outperform',
  'outperformed',
  'outperforming',
  'crushes',
  'crushed',
  'crushing',
  'destroys',
  'destroyed',
  'smokes',
  'smoked',
  'dominates',
  'dominated',
  'surpasses',
  'surpassed',
  'outclasses',
  'outclassed',
  'trounces',
  'trounced',
  'leapfrogs',
  'leapfrogged',
  'overtakes',
  'overtook',
  'obliterates',
  'demolishes',
  'wrecks',
  'eclipses',
  'outshines',
  'bests',
  'trumps',
  'annihilates',
  'mogs',
  '>',
];
const BETTER = [
  'better',
  'faster',
  'cheaper',
  'smarter',
  'stronger',
  'nicer',
  'more accurate',
  'more reliable',
  'more capable',
  'more useful',
];
const WORSE = [
  'worse',
  'slower',
  'dumber',
  'weaker',
  'pricier',
  'more expensive',
  'less capable',
  'less reliable',
  'less accurate',
];
const INFERIOR: string[][] = [
  ['lags'],
  ['lagging'],
  ['trails'],
  ['trailing'],
  ['falls', 'behind'],
  ['fell', 'behind'],
  ['falling', 'behind'],
  ['is', 'behind'],
  ['are', 'behind'],
  ['way', 'behind'],
  ['far', 'behind'],
  ['still', 'behind'],
  ['loses', 'to'],
  ['lost', 'to'],
  ['losing', 'to'],
  ['nowhere', 'near'],
  ['no', 'match', 'for'],
  ['pales'],
  ['<'],
];
const LEVEL: string[][] = [
  ['matches'],
  ['match'],
  ['matching'],
  ['rivals'],
  ['rival'],
  ['rivaling'],
  ['equals'],
  ['on', 'par', 'with'],
  ['as', 'good', 'as'],
  ['catching', 'up', 'to'],
  ['catches', 'up', 'to'],
  ['catching', 'up', 'with'],
  ['keeps', 'up', 'with'],
];

const COMPARISONS: Comparison[] = [
  ...SUPERIOR.map((w) => ({ seq: [w], subject: 1, object: -1 })),
  ...BETTER.map((w) => ({ seq: [...w.split(' '), 'than'], subject: 1, object: -1 })),
  ...WORSE.map((w) => ({ seq: [...w.split(' '), 'than'], subject: -1, object: 1 })),
  ...[
    ['superior', 'to'],
    ['ahead', 'of'],
    ['hold', 'a', 'candle', 'to'],
  ].map((seq) => ({ seq, subject: 1, object: -1 })),
  ...[['inferior', 'to']].map((seq) => ({ seq, subject: -1, object: 1 })),
  ...[
    ['compete', 'with'],
    ['competes', 'with'],
  ].map((seq) => ({ seq, subject: 0.5, object: -0.5 })),
  ...INFERIOR.map((seq) => ({ seq, subject: -1, object: 1 })),
  ...LEVEL.map((seq) => ({ seq, subject: 0.6, object: 0, level: true })),
];

const COST: string[][] = [
  ['fraction', 'of', 'the', 'cost'],
  ['fraction', 'of', 'the', 'price'],
  ['fraction', 'of', 'its', 'cost'],
  ['for', 'a', 'fraction'],
  ['way', 'cheaper'],
  ['much', 'cheaper'],
];
const SWITCH_VERBS = new Set([
  'switched',
  'switching',
  'switch',
  'moved',
  'moving',
  'migrated',
  'migrating',
  'went',
  'converted',
]);
const DITCH_VERBS = new Set([
  'ditched',
  'ditching',
  'dropped',
  'dropping',
  'abandoned',
  'cancelled',
  'canceled',
  'uninstalled',
  'left',
  'replaced',
  'replacing',
  'quit',
]);
const PREFER_VERBS = new Set(['prefer', 'prefers', 'preferred', 'choose', 'chose', 'picked', 'pick', 'picking']);
// An object named as a source ("according to xAI") is not the thing being compared.
const SOURCE_WORDS = new Set(['according', 'per', 'says', 'said', 'claims', 'claimed', 'reports']);

const byFirst = new Map<string, Comparison[]>();
for (const c of COMPARISONS) byFirst.set(c.seq[0], [...(byFirst.get(c.seq[0]) ?? []), c]);
for (const list of byFirst.values()) list.sort((a, b) => b.seq.length - a.seq.length);

// Literal markers, tested with includes() on the lower-cased text (a Unicode regex was 10% of scoring).
const SARCASM_MARKERS = [
  '#sarcasm',
  'yeah right',
  'yeah, right',
  'oh great',
  'oh, great',
  'oh wonderful',
  'oh perfect',
  'oh joy',
  'just what i needed',
  'thanks for nothing',
  'thanks a lot',
  'wow thanks',
  'wow, thanks',
  'what a surprise',
  'sure jan',
  'sure, jan',
  '🙄',
  '😒',
  '🙃',
];
const SLASH_S_RE = /(?:^|\s)\/s(?:$|[\s.!)])/;
const HASH_NOT_RE = /#not(?![\p{L}\p{N}_])/u;

/** Markers that the literal sentiment is the opposite of the meant one. */
export function hasSarcasmMarker(text: string): boolean {
  const lower = text.toLowerCase();
  for (const m of SARCASM_MARKERS) if (lower.includes(m)) return true;
  if (lower.includes('/s') && SLASH_S_RE.test(lower)) return true;
  return lower.includes('#not') && HASH_NOT_RE.test(lower);
}

/**
 * Stance that the wording itself fixes, whatever the words' sentiment: comparisons ("beats",
 * "better than", "falls behind"), cost ("at a fraction of the cost"), switching ("switched from X to
 * Y"), preference ("prefer X over Y"), and "unlike X" / "instead of X". Negation flips a comparison.
 */
export function stanceCue(tokens: readonly Token[], range: TargetRange): StanceCue | null {
  const { c0, c1 } = clauseOf(tokens, range);
  const sw = switchCue(tokens, range, c0, c1);
  if (sw) return sw;
  const costAt = findAny(tokens, COST, c0, c1);
  for (let i = c0; i <= c1; i++) {
    if (i >= range.t0 && i <= range.t1) continue;
    const list = byFirst.get(tokens[i].norm);
    if (!list) continue;
    const cmp = list.find((c) => seqAt(tokens, i, c.seq, c1));
    if (!cmp) continue;
    const end = i + cmp.seq.length - 1;
    const negated = tokens[i].neg ? -1 : 1;
    let subject = cmp.subject;
    let object = cmp.object;
    // "R1 matches o1 at a fraction of the cost": the cheaper side wins, the dearer side loses.
    if (cmp.level && costAt >= 0) {
      subject = 1;
      object = -1;
    }
    if (range.t1 < i) {
      if (subject !== 0)
        return {
          polarity: subject * negated,
          strength: cmp.level && costAt < 0 ? 0.5 : 0.75,
          rule: `comparison:${cmp.seq.join(' ')}`,
        };
    } else if (range.t0 > end) {
      if (object === 0) return null;
      const before = tokens.slice(Math.max(end + 1, range.t0 - 2), range.t0).map((t) => t.norm);
      if (before.some((w) => SOURCE_WORDS.has(w))) return null;
      return { polarity: object * negated, strength: 0.75, rule: `comparison:${cmp.seq.join(' ')}` };
    }
  }
  if (costAt >= 0) {
    // No comparison verb: "... at a fraction of the cost of X" is against X, the rest is for.
    return range.t0 > costAt
      ? { polarity: -1, strength: 0.6, rule: 'cost' }
      : { polarity: 1, strength: 0.5, rule: 'cost' };
  }
  // "Unlike X, ..." and "... instead of X": X directly after the words, nothing in between but words.
  for (let i = range.t0 - 1; i >= Math.max(range.t0 - 3, 0); i--) {
    const w = tokens[i].norm;
    if (w === 'unlike') return { polarity: -1, strength: 0.6, rule: 'unlike' };
    if (w === 'of' && tokens[i - 1]?.norm === 'instead') return { polarity: -1, strength: 0.6, rule: 'instead-of' };
    if (tokens[i].kind !== TokenKind.Word) break;
  }
  return null;
}

function switchCue(tokens: readonly Token[], range: TargetRange, c0: number, c1: number): StanceCue | null {
  for (let v = c0; v < range.t0; v++) {
    const w = tokens[v].norm;
    const sw = SWITCH_VERBS.has(w);
    const ditch = DITCH_VERBS.has(w);
    const prefer = PREFER_VERBS.has(w);
    if (!sw && !ditch && !prefer) continue;
    const neg = tokens[v].neg ? -1 : 1;
    const first = sw ? 'from' : null;
    const pivots = sw ? ['to', 'for'] : ditch ? ['for', 'with'] : ['over', 'to', 'than'];
    let f = v;
    if (first) {
      while (f <= c1 && tokens[f].norm !== first) f++;
      if (f > c1) continue;
    }
    let p = f + 1;
    while (p <= c1 && !pivots.includes(tokens[p].norm)) p++;
    const inFirst = range.t0 > f && range.t1 < p;
    const inSecond = p <= c1 && range.t0 > p;
    const rule = `switch:${w}`;
    if (prefer) {
      if (inFirst) return { polarity: neg, strength: 0.7, rule };
      if (inSecond) return { polarity: -neg, strength: 0.7, rule };
    } else {
      if (inFirst) return { polarity: -neg, strength: 0.7, rule };
      if (inSecond) return { polarity: neg, strength: 0.7, rule };
    }
  }
  return null;
}

function seqAt(tokens: readonly Token[], i: number, seq: string[], last: number): boolean {
  if (i + seq.length - 1 > last) return false;
  for (let j = 0; j < seq.length; j++) if (tokens[i + j].norm !== seq[j]) return false;
  return true;
}

function findAny(tokens: readonly Token[], seqs: string[][], c0: number, c1: number): number {
  for (let i = c0; i <= c1; i++) for (const s of seqs) if (seqAt(tokens, i, s, c1)) return i;
  return -1;
}
