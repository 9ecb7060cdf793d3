import type { AmbiguousTerm, LabDefinition, LabTermKind } from './lab-definition';
import { scannedText } from './scanned-text';
import { type StepBudget, SuffixPattern } from './suffix-pattern';
import { type Atom, findTags, splitAtoms, termAtoms } from './term-atoms';

/** Where a lab is named: UTF-16 offsets into the text, end exclusive. */
export interface MentionSpan {
  start: number;
  end: number;
  text: string;
  kind: LabTermKind;
  /** True when the name needed context to count (e.g. "Gemini" next to "2.5"). */
  ambiguous: boolean;
}

/** One lab named in a text, with every span that names it (in text order). */
export interface LabMatch {
  lab: string;
  /** How sure the matcher is that the lab is meant, in [0, 1]. */
  confidence: number;
  spans: MentionSpan[];
}

interface CompiledTerm {
  atoms: string[];
  lab: number;
  kind: LabTermKind;
  /** Index into `ambiguous`, or -1 for a clear name. */
  rule: number;
}

interface CompiledRule {
  lab: number;
  key: string;
  text: string;
  letters: number;
  caseRule: AmbiguousTerm['caseRule'];
  suffix: SuffixPattern | null;
  support: Set<number>;
  veto: Set<number>;
  vetoWindow: number;
  otherLabsSupport: boolean;
}

interface Candidate {
  term: CompiledTerm;
  a0: number;
  a1: number;
  start: number;
  end: number;
}

interface ContextHit {
  id: number;
  a0: number;
  a1: number;
}

const STRONG_CONFIDENCE = 0.95;
const EXACT_CASE_CONFIDENCE = 0.9;
const DEFAULT_VETO_WINDOW = 6;
// Two points accept an ambiguous name: one strong piece of evidence, or two weaker ones.
const ACCEPT_POINTS = 2;
// What acceptSuffix looks at after a term.
const SUFFIX_WINDOW = 32;
// Automaton steps all of a post's suffix tests may take together (a test of the default catalogue
// takes tens); past it a suffix is no evidence. Counted in steps, not time, so results never depend on load.
const SUFFIX_STEP_BUDGET = 20_000;

/**
 * Finds which labs a text names. Compiled from whatever definitions it is given (the live catalogue
 * comes from the database), so a REST edit only needs `new LabMatcher(updatedList)`; compiling the
 * default catalogue takes well under a millisecond per lab.
 */
export class LabMatcher {
  readonly labs: readonly string[];
  private readonly terms = new Map<string, CompiledTerm[]>();
  private readonly tags = new Map<string, { lab: number; kind: LabTermKind }>();
  private readonly rules: CompiledRule[] = [];
  private readonly contextTerms = new Map<string, Array<{ atoms: string[]; id: number }>>();
  private readonly contextIds = new Map<string, number>();

  constructor(definitions: readonly LabDefinition[]) {
    this.labs = definitions.map((d) => d.slug);
    definitions.forEach((def, lab) => this.compileLab(def, lab));
    for (const list of this.terms.values()) list.sort((a, b) => b.atoms.length - a.atoms.length);
  }

  /** The labs `text` names; only its first MAX_SCANNED_CHARS characters are read. */
  match(fullText: string): LabMatch[] {
    const text = scannedText(fullText);
    const atoms = splitAtoms(text);
    const candidates = this.findCandidates(atoms);
    const strongLabs = new Set<number>();
    for (const c of candidates) if (c.term.rule < 0) strongLabs.add(c.term.lab);
    const accepted: Array<{ c: Candidate; confidence: number }> = [];
    for (const c of candidates) if (c.term.rule < 0) accepted.push({ c, confidence: STRONG_CONFIDENCE });
    for (const tag of findTags(text)) {
      const hit = this.tags.get(tag.tag);
      if (!hit) continue;
      strongLabs.add(hit.lab);
      const term: CompiledTerm = { atoms: [], lab: hit.lab, kind: hit.kind, rule: -1 };
      accepted.push({ c: { term, a0: -1, a1: -1, start: tag.start, end: tag.end }, confidence: STRONG_CONFIDENCE });
    }
    const ambiguous = candidates.filter((c) => c.term.rule >= 0);
    if (ambiguous.length > 0) this.resolveAmbiguous(text, atoms, ambiguous, strongLabs, accepted);
    return this.group(text, accepted);
  }

  private compileLab(def: LabDefinition, lab: number): void {
    const add = (text: string, kind: LabTermKind, rule: number): void => {
      const atoms = termAtoms(text);
      if (atoms.length === 0) return;
      const list = this.terms.get(atoms[0]) ?? [];
      // The same atoms listed twice for one lab (e.g. "DALL-E" and "DALL·E") would only duplicate spans.
      if (list.some((t) => t.lab === lab && t.atoms.join(' ') === atoms.join(' '))) return;
      list.push({ atoms, lab, kind, rule });
      this.terms.set(atoms[0], list);
    };
    for (const a of def.aliases) add(a, 'alias', -1);
    for (const p of def.products) add(p, 'product', -1);
    for (const p of def.people) add(p, 'person', -1);
    for (const h of def.handles) this.tags.set(h.toLowerCase(), { lab, kind: 'handle' });
    for (const h of def.hashtags) this.tags.set(h.toLowerCase(), { lab, kind: 'hashtag' });
    const labContext = def.context.map((t) => this.contextId(t));
    for (const amb of def.ambiguous) {
      const rule = this.rules.length;
      this.rules.push({
        lab,
        key: termAtoms(amb.text).join(' '),
        text: amb.text,
        letters: amb.text.replace(/[^\p{L}]/gu, '').length,
        caseRule: amb.caseRule,
        suffix: compileSuffix(amb.acceptSuffix),
        support: new Set([...labContext, ...(amb.support ?? []).map((t) => this.contextId(t))].filter((id) => id >= 0)),
        veto: new Set((amb.veto ?? []).map((t) => this.contextId(t)).filter((id) => id >= 0)),
        vetoWindow: amb.vetoWindow ?? DEFAULT_VETO_WINDOW,
        otherLabsSupport: amb.otherLabsSupport ?? true,
      });
      add(amb.text, amb.kind, rule);
    }
  }

  private contextId(text: string): number {
    const atoms = termAtoms(text);
    if (atoms.length === 0) return -1;
    const key = atoms.join(' ');
    const known = this.contextIds.get(key);
    if (known !== undefined) return known;
    const id = this.contextIds.size;
    this.contextIds.set(key, id);
    const list = this.contextTerms.get(atoms[0]) ?? [];
    list.push({ atoms, id });
    this.contextTerms.set(atoms[0], list);
    return id;
  }

  private findCandidates(atoms: Atom[]): Candidate[] {
    const out: Candidate[] = [];
    let i = 0;
    while (i < atoms.length) {
      const list = atoms[i].inHandle ? undefined : this.terms.get(atoms[i].lower);
      let taken = 0;
      if (list) {
        for (const term of list) {
          if (taken > 0 && term.atoms.length < taken) break;
          if (!sequenceAt(atoms, i, term.atoms, true)) continue;
          taken = term.atoms.length;
          const a1 = i + taken - 1;
          out.push({ term, a0: i, a1, start: atoms[i].start, end: atoms[a1].end });
        }
      }
      i += taken > 0 ? taken : 1;
    }
    return out;
  }

  private scanContext(atoms: Atom[]): ContextHit[] {
    const hits: ContextHit[] = [];
    for (let i = 0; i < atoms.length; i++) {
      const list = this.contextTerms.get(atoms[i].lower);
      if (!list) continue;
      for (const t of list)
        if (sequenceAt(atoms, i, t.atoms, false)) hits.push({ id: t.id, a0: i, a1: i + t.atoms.length - 1 });
    }
    return hits;
  }

  private resolveAmbiguous(
    text: string,
    atoms: Atom[],
    ambiguous: Candidate[],
    strongLabs: Set<number>,
    accepted: Array<{ c: Candidate; confidence: number }>,
  ): void {
    const hits = this.scanContext(atoms);
    const budget: StepBudget = { left: SUFFIX_STEP_BUDGET };
    const vetoes = new HitIndex(hits);
    const viable = ambiguous.filter((c) => this.isViable(text, c, vetoes));
    // What the other viable candidates say, gathered once: each candidate then costs O(1) below,
    // not a pass over all the others (a post repeating "o1" 2,000 times was quadratic).
    const firstKeyByLab = new Map<number, string>();
    const labsWithTwoKeys = new Set<number>();
    const supportingByLab = new Map<number, number>();
    let supporting = 0;
    for (const o of viable) {
      const rule = this.rules[o.term.rule];
      const first = firstKeyByLab.get(rule.lab);
      if (first === undefined) firstKeyByLab.set(rule.lab, rule.key);
      else if (first !== rule.key) labsWithTwoKeys.add(rule.lab);
      if (rule.otherLabsSupport) {
        supporting += 1;
        supportingByLab.set(rule.lab, (supportingByLab.get(rule.lab) ?? 0) + 1);
      }
    }
    const supportSpans = new Map<number, { minEnd: number; maxStart: number }>();
    for (const c of viable) {
      const rule = this.rules[c.term.rule];
      const surface = text.slice(c.start, c.end);
      if (rule.caseRule === 'accept-exact' && surface === rule.text) {
        accepted.push({ c, confidence: EXACT_CASE_CONFIDENCE });
        continue;
      }
      let points = 0;
      if (rule.suffix && rule.suffix.test(text, c.end, Math.min(text.length, c.end + SUFFIX_WINDOW), budget))
        points += 2;
      let span = supportSpans.get(c.term.rule);
      if (!span) {
        span = { minEnd: Infinity, maxStart: -Infinity };
        for (const h of hits) {
          if (!rule.support.has(h.id)) continue;
          span.minEnd = Math.min(span.minEnd, h.a1);
          span.maxStart = Math.max(span.maxStart, h.a0);
        }
        supportSpans.set(c.term.rule, span);
      }
      // A support term outside the candidate itself: one ends before it or one starts after it.
      if (span.minEnd < c.a0 || span.maxStart > c.a1) points += 2;
      if (strongLabs.has(rule.lab)) points += 2;
      if (labsWithTwoKeys.has(rule.lab)) points += 2;
      // A strong mention of a lab other than this one.
      if (rule.otherLabsSupport && strongLabs.size > (strongLabs.has(rule.lab) ? 1 : 0)) points += 2;
      // "I love Claude but Gemini keeps crashing": two AI names of different labs vouch for each other.
      else if (rule.otherLabsSupport && supporting - (supportingByLab.get(rule.lab) ?? 0) > 0) points += 2;
      if (points >= ACCEPT_POINTS) accepted.push({ c, confidence: Math.min(0.9, 0.5 + 0.1 * points) });
    }
  }

  private isViable(text: string, c: Candidate, hits: HitIndex): boolean {
    const rule = this.rules[c.term.rule];
    if (rule.caseRule === 'require') {
      const surface = text.slice(c.start, c.end);
      const allCapsOk = rule.letters >= 3 && surface === rule.text.toUpperCase();
      if (surface !== rule.text && !allCapsOk) return false;
    }
    const lo = c.a0 - rule.vetoWindow;
    const hi = c.a1 + rule.vetoWindow;
    return !hits.some(lo, hi, (h) => rule.veto.has(h.id) && (h.a1 < c.a0 || h.a0 > c.a1));
  }

  private group(text: string, accepted: Array<{ c: Candidate; confidence: number }>): LabMatch[] {
    const byLab = new Map<number, LabMatch>();
    accepted.sort((x, y) => x.c.start - y.c.start);
    for (const { c, confidence } of accepted) {
      const span: MentionSpan = {
        start: c.start,
        end: c.end,
        text: text.slice(c.start, c.end),
        kind: c.term.kind,
        ambiguous: c.term.rule >= 0,
      };
      const match = byLab.get(c.term.lab);
      if (!match) {
        byLab.set(c.term.lab, { lab: this.labs[c.term.lab], confidence, spans: [span] });
        continue;
      }
      match.confidence = Math.max(match.confidence, confidence);
      // A handle and an alias can cover the same characters ("@OpenAI"); keep one span.
      if (!match.spans.some((s) => s.start < span.end && span.start < s.end)) match.spans.push(span);
    }
    return [...byLab.values()];
  }
}

/** Context hits (in text order) by position, so a veto window reads only the hits inside it. */
class HitIndex {
  private readonly longest: number;

  constructor(private readonly hits: readonly ContextHit[]) {
    this.longest = hits.reduce((max, h) => Math.max(max, h.a1 - h.a0), 0);
  }

  /** Whether a hit overlapping atoms [lo, hi] passes `test`. */
  some(lo: number, hi: number, test: (h: ContextHit) => boolean): boolean {
    // Hits are sorted by a0; one that ends at or after lo starts at or after lo - longest.
    let left = 0;
    let right = this.hits.length;
    while (left < right) {
      const mid = (left + right) >> 1;
      if (this.hits[mid].a0 < lo - this.longest) left = mid + 1;
      else right = mid;
    }
    for (let i = left; i < this.hits.length && this.hits[i].a0 <= hi; i++) {
      const h = this.hits[i];
      if (h.a1 >= lo && test(h)) return true;
    }
    return false;
  }
}

/**
 * A stored acceptSuffix, compiled in the linear-time pattern language. One outside it (stored before
 * the language existed; the API refuses them now) gives no evidence rather than running as a RegExp.
 */
function compileSuffix(source: string | undefined): SuffixPattern | null {
  if (!source) return null;
  const compiled = SuffixPattern.compile(source);
  return typeof compiled === 'string' ? null : compiled;
}

/** Whether `seq` occurs at atom `i`; terms of the catalogue must be joined, context words need not be. */
function sequenceAt(atoms: Atom[], i: number, seq: string[], requireJoined: boolean): boolean {
  if (i + seq.length > atoms.length) return false;
  for (let j = 0; j < seq.length; j++) {
    const a = atoms[i + j];
    if (a.lower !== seq[j]) return false;
    if (j > 0 && ((requireJoined && !a.joined) || a.inHandle)) return false;
  }
  return true;
}
