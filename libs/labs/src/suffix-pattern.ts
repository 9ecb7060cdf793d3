/**
 * The pattern language of `acceptSuffix`: a small subset of regular expressions, matched by our
 * own automaton instead of the JavaScript RegExp engine, so that no catalogue entry (they are
 * edited over REST) can make matching take more than linear time.
 *
 * Accepted (case-insensitive, as the "iu" flags were):
 *   literal characters (anything but  \ ^ $ . | ? * + ( ) [ ] { } ), escaped ones ( \. \- \( ... ),
 *   \d \s, positive classes [a-z0-9\s.-], groups ( ) and (?: ) with alternation |,
 *   quantifiers ? * + {n} {n,} {n,m} (n, m <= 32), assertions ^ (start of the text after the term),
 *   $ (end of what is looked at) and \b (word boundary).
 * Refused: ".", negated classes, \w \S \D \W \B, back-references, look-arounds, named groups, lazy
 * quantifiers, flags; a pattern longer than MAX_PATTERN_LENGTH or compiling to more than MAX_STATES
 * states; and a pattern that can match without reading a letter or digit ("", "^", "$", "(?:)",
 * "\s*"): it would accept every post.
 *
 * Why matching is linear: the pattern compiles to a Thompson NFA of at most MAX_STATES states, and
 * `test` simulates it breadth-first (Pike's VM without captures): at each of the n code points of
 * the text it keeps a set of states, each added at most once per position (a generation stamp), and
 * each state is expanded once per position. So a test costs at most O(n * MAX_STATES) steps,
 * whatever the pattern: there is no backtracking to explode ("(a+)+$" on "aaa...!" costs the same
 * as "a+"). The matcher also gives each post a step budget and looks at a window of 32 characters.
 */

export const MAX_PATTERN_LENGTH = 200;
export const MAX_STATES = 500;
const MAX_REPEAT = 32;

type CharTest = (cp: number) => boolean;

type Node =
  | { t: 'char'; test: CharTest; alnum: boolean }
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; options: Node[] }
  | { t: 'repeat'; node: Node; min: number; max: number }
  | { t: 'assert'; kind: Assertion };

type Assertion = 'start' | 'end' | 'word';

const CHAR = 0;
const SPLIT = 1;
const ASSERT = 2;
const MATCH = 3;
// What addClosure returns instead of a count.
const MATCHED = -1;
const OUT_OF_STEPS = -2;

/** Steps left for a post's suffix tests; shared across them so a post's total work is bounded. */
export interface StepBudget {
  left: number;
}

/** A compiled acceptSuffix. `test` answers whether a prefix of `text` matches (a search when not anchored). */
export class SuffixPattern {
  // Scratch space, reused: a pattern is tested by one caller at a time (matching is synchronous).
  // A state joins a list at most once per position (marks); a closure expands each state at most
  // once and each expansion pushes at most two, so these sizes always suffice.
  private readonly marks: Int32Array;
  private generation = 0;
  private current: Int32Array;
  private next: Int32Array;
  private readonly stack: Int32Array;
  private readonly window: Window = { text: '', from: 0, to: 0 };

  private constructor(
    private readonly kinds: Uint8Array,
    private readonly tests: Array<CharTest | null>,
    private readonly asserts: Array<Assertion | null>,
    private readonly out1: Int32Array,
    private readonly out2: Int32Array,
    private readonly start: number,
    /** Every path starts with "^": nothing can match once the live states run out. */
    private readonly anchored: boolean,
  ) {
    this.marks = new Int32Array(kinds.length);
    this.current = new Int32Array(kinds.length);
    this.next = new Int32Array(kinds.length);
    this.stack = new Int32Array(2 * kinds.length + 2);
  }

  /** The compiled pattern, or the reason it is refused (a sentence fragment: "must ..."). */
  static compile(source: string): SuffixPattern | string {
    if (source.length > MAX_PATTERN_LENGTH) return `must be at most ${MAX_PATTERN_LENGTH} characters`;
    let ast: Node;
    try {
      ast = new Parser(source).parse();
    } catch (error) {
      return (error as Error).message;
    }
    if (!needsAlnum(ast))
      return 'must match at least one letter or digit on every path (a pattern that can match nothing, like "", "^" or "\\s*", accepts every post)';
    if (size(ast) > MAX_STATES) return `is too complex (more than ${MAX_STATES} states once its repeats are expanded)`;
    const b = new Builder();
    const match = b.add(MATCH, null, null, -1, -1);
    const startState = b.build(ast, match);
    return new SuffixPattern(
      Uint8Array.from(b.kinds),
      b.tests,
      b.asserts,
      Int32Array.from(b.out1),
      Int32Array.from(b.out2),
      startState,
      anchoredAtStart(ast),
    );
  }

  /**
   * Whether the pattern matches text.slice(from, to) (like RegExp.prototype.test with flags "iu" on
   * that slice, without copying it). Each state expansion costs a step from `budget`; when it runs
   * out the answer is false (no evidence).
   */
  test(text: string, from = 0, to = text.length, budget: StepBudget = { left: Number.POSITIVE_INFINITY }): boolean {
    const window = this.window;
    window.text = text;
    window.from = from;
    window.to = to;
    let current = this.current;
    let next = this.next;
    this.generation += 1;
    let live = this.addClosure(current, 0, this.start, window, from, budget);
    if (live < 0) return live === MATCHED;
    for (let i = from; i < to;) {
      let cp = text.charCodeAt(i);
      // A pair cut by the window's end reads as its lone high surrogate, as in a sliced string.
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < to) cp = text.codePointAt(i) as number;
      const after = i + (cp > 0xffff ? 2 : 1);
      this.generation += 1;
      let count = 0;
      for (let k = 0; k < live; k++) {
        const s = current[k];
        if (--budget.left < 0) return false;
        if (this.kinds[s] !== CHAR || !(this.tests[s] as CharTest)(cp)) continue;
        count = this.addClosure(next, count, this.out1[s], window, after, budget);
        if (count < 0) return count === MATCHED;
      }
      if (this.anchored) {
        if (count === 0) return false;
      } else {
        // Not anchored: a match may also start here (RegExp's search semantics).
        count = this.addClosure(next, count, this.start, window, after, budget);
        if (count < 0) return count === MATCHED;
      }
      const swap = current;
      current = next;
      next = swap;
      live = count;
      i = after;
    }
    return false;
  }

  /**
   * Appends to `list` (holding `count` states) `state` and what it reaches without reading, at
   * position `pos`: the new count, or MATCHED when that reaches the end, or OUT_OF_STEPS.
   */
  private addClosure(
    list: Int32Array,
    count: number,
    state: number,
    window: Window,
    pos: number,
    budget: StepBudget,
  ): number {
    const stack = this.stack;
    let top = 0;
    stack[top++] = state;
    while (top > 0) {
      const s = stack[--top];
      if (s < 0 || this.marks[s] === this.generation) continue;
      this.marks[s] = this.generation;
      if (--budget.left < 0) return OUT_OF_STEPS;
      switch (this.kinds[s]) {
        case MATCH:
          return MATCHED;
        case CHAR:
          list[count++] = s;
          break;
        case SPLIT:
          stack[top++] = this.out2[s];
          stack[top++] = this.out1[s];
          break;
        case ASSERT:
          if (holds(this.asserts[s] as Assertion, window, pos)) stack[top++] = this.out1[s];
          break;
      }
    }
    return count;
  }
}

interface Window {
  text: string;
  from: number;
  to: number;
}

function holds(kind: Assertion, w: Window, pos: number): boolean {
  if (kind === 'start') return pos === w.from;
  if (kind === 'end') return pos === w.to;
  // Word characters are all in the BMP, so one code unit either side decides (outside the window counts as no word).
  const before = pos > w.from && isWordChar(w.text.charCodeAt(pos - 1));
  const after = pos < w.to && isWordChar(w.text.charCodeAt(pos));
  return before !== after;
}

// \w and \b of RegExp with flags "iu": ASCII letters, digits and "_", plus the two characters that
// case-fold into them (U+017F long s, U+212A Kelvin sign).
function isWordChar(cp: number): boolean {
  return (
    (cp >= 0x61 && cp <= 0x7a) ||
    (cp >= 0x41 && cp <= 0x5a) ||
    (cp >= 0x30 && cp <= 0x39) ||
    cp === 0x5f ||
    cp === 0x17f ||
    cp === 0x212a
  );
}

const isDigit: CharTest = (cp) => cp >= 0x30 && cp <= 0x39;
const SPACE = /^\s$/u;
const isSpace: CharTest = (cp) =>
  cp < 128 ? cp === 0x20 || (cp >= 0x09 && cp <= 0x0d) : SPACE.test(String.fromCodePoint(cp));

/** A code point's case forms (lower, upper, and lower of upper: U+017F "ſ" -> "S" -> "s"), for case-insensitive matching. */
function caseForms(cp: number): number[] {
  const ch = String.fromCodePoint(cp);
  const forms = new Set([cp]);
  for (const other of [ch.toLowerCase(), ch.toUpperCase(), ch.toUpperCase().toLowerCase()]) {
    const c = other.codePointAt(0) as number;
    if (other.length === String.fromCodePoint(c).length) forms.add(c);
  }
  return [...forms];
}

const TABLE_SIZE = 0x250;
const TABLE_FORMS = Array.from({ length: TABLE_SIZE }, (_, cp) => caseForms(cp));

/** A case-insensitive class from code-point ranges and the \d / \s escapes it holds. */
function classTest(ranges: Array<[number, number]>, digit: boolean, space: boolean): CharTest {
  const inRanges = (cp: number): boolean => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
  const direct = (cp: number): boolean => (digit && isDigit(cp)) || (space && isSpace(cp)) || inRanges(cp);
  // Answered from a table for Latin (ASCII, Latin-1, Latin Extended-A and -B), the rest computed.
  const table = new Uint8Array(TABLE_SIZE);
  for (let cp = 0; cp < TABLE_SIZE; cp++) table[cp] = TABLE_FORMS[cp].some(direct) ? 1 : 0;
  return (cp) => (cp < TABLE_SIZE ? table[cp] === 1 : caseForms(cp).some(direct));
}

const META = new Set([...'\\^$.|?*+()[]{}']);

/** Recursive descent over the accepted subset; throws with the reason a pattern is refused. */
class Parser {
  private readonly cps: string[];
  private i = 0;
  private depth = 0;

  constructor(source: string) {
    this.cps = [...source];
  }

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.cps.length) throw new Error(`has an unmatched ")" at ${this.i + 1}`);
    return node;
  }

  private peek(): string | undefined {
    return this.cps[this.i];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.i++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { t: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek())
      items.push(this.quantified(this.atom()));
    return { t: 'seq', items };
  }

  private atom(): Node {
    const c = this.cps[this.i++];
    switch (c) {
      case '(':
        return this.group();
      case '[':
        return this.bracket();
      case '\\':
        return this.escape();
      case '^':
        return { t: 'assert', kind: 'start' };
      case '$':
        return { t: 'assert', kind: 'end' };
      case '.':
        throw new Error('must not use "." (any character): name the characters, e.g. [\\s-]');
      case '?':
      case '*':
      case '+':
      case '{':
        throw new Error(`has a quantifier "${c}" with nothing to repeat at ${this.i}`);
      case ']':
      case '}':
        throw new Error(`has an unescaped "${c}" at ${this.i}: write \\${c}`);
      default:
        return literal(c);
    }
  }

  private group(): Node {
    if (++this.depth > 10) throw new Error('must not nest groups more than 10 deep');
    if (this.peek() === '?') {
      if (this.cps[this.i + 1] !== ':')
        throw new Error('must not use look-arounds or named groups ("(?=", "(?!", "(?<"); only "(" and "(?:" groups');
      this.i += 2;
    }
    const node = this.alternation();
    if (this.cps[this.i++] !== ')') throw new Error('has an unclosed "("');
    this.depth--;
    return node;
  }

  private quantified(node: Node): Node {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === '?') [min, max] = [0, 1];
    else if (c === '*') [min, max] = [0, Infinity];
    else if (c === '+') [min, max] = [1, Infinity];
    else if (c === '{') [min, max] = this.braces();
    else return node;
    if (c !== '{') this.i++;
    if (node.t === 'assert') throw new Error('must not repeat an assertion (^, $, \\b)');
    const after = this.peek();
    if (after === '?' || after === '*' || after === '+' || after === '{')
      throw new Error(`must not use lazy or stacked quantifiers ("${c}${after}")`);
    return { t: 'repeat', node, min, max };
  }

  private braces(): [number, number] {
    const rest = this.cps.slice(this.i).join('');
    const m = /^\{(\d{1,2})(,(\d{0,2}))?\}/.exec(rest);
    if (!m) throw new Error(`has a malformed "{" at ${this.i + 1}: use {n}, {n,} or {n,m}, or write \\{`);
    this.i += m[0].length;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    if (min > MAX_REPEAT || (max !== Infinity && (max > MAX_REPEAT || max < min)))
      throw new Error(`must repeat at most ${MAX_REPEAT} times, with {n,m} n <= m`);
    return [min, max];
  }

  private escape(): Node {
    const c = this.cps[this.i++];
    if (c === undefined) throw new Error('ends with a lone "\\"');
    if (c === 'd') return { t: 'char', test: isDigit, alnum: true };
    if (c === 's') return { t: 'char', test: isSpace, alnum: false };
    if (c === 'b') return { t: 'assert', kind: 'word' };
    return literal(escapedLiteral(c));
  }

  private bracket(): Node {
    const ranges: Array<[number, number]> = [];
    let digit = false;
    let space = false;
    let alnum = true;
    if (this.peek() === '^') throw new Error('must not use negated classes ("[^...]")');
    if (this.peek() === ']') throw new Error('must not have an empty class "[]"');
    for (let c = this.cps[this.i++]; c !== ']'; c = this.cps[this.i++]) {
      if (c === undefined) throw new Error('has an unclosed "["');
      if (c === '[') throw new Error('must not nest "[" in a class: write \\[');
      if (c === '\\') {
        const e = this.cps[this.i++];
        if (e === 'd') digit = true;
        else if (e === 's') [space, alnum] = [true, false];
        else {
          const cp = escapedLiteral(e).codePointAt(0) as number;
          alnum &&= isAlnum(cp);
          for (const c of caseForms(cp)) ranges.push([c, c]);
        }
        continue;
      }
      const lo = c.codePointAt(0) as number;
      const hiChar = this.cps[this.i + 1];
      if (this.peek() === '-' && hiChar !== undefined && hiChar !== ']') {
        if (hiChar === '\\' || hiChar === '[') throw new Error('must use plain characters at both ends of a range');
        const hi = hiChar.codePointAt(0) as number;
        if (hi < lo) throw new Error(`has a range out of order ("${c}-${hiChar}")`);
        this.i += 2;
        alnum &&= isAlnumRange(lo, hi);
        ranges.push([lo, hi]);
        continue;
      }
      alnum &&= isAlnum(lo);
      for (const c of caseForms(lo)) ranges.push([c, c]);
    }
    return { t: 'char', test: classTest(ranges, digit, space), alnum };
  }
}

/** The character an escape other than \\d, \\s, \\b stands for: only punctuation may be escaped. */
function escapedLiteral(c: string | undefined): string {
  if (c === undefined) throw new Error('ends with a lone "\\"');
  if (META.has(c) || c === '-' || c === '/') return c;
  throw new Error(`must not use "\\${c}": only \\d, \\s, \\b and escaped punctuation are accepted`);
}

// Literal characters repeat across patterns ("pro", "mini"): one test per character, shared.
const LITERAL_TESTS = new Map<number, CharTest>();
const MAX_LITERAL_TESTS = 1_000;

function literal(c: string): Node {
  const cp = c.codePointAt(0) as number;
  let test = LITERAL_TESTS.get(cp);
  if (!test) {
    test = classTest(
      caseForms(cp).map((f): [number, number] => [f, f]),
      false,
      false,
    );
    if (LITERAL_TESTS.size < MAX_LITERAL_TESTS) LITERAL_TESTS.set(cp, test);
  }
  return { t: 'char', test, alnum: isAlnum(cp) };
}

function isAlnum(cp: number): boolean {
  return /^[\p{L}\p{N}]$/u.test(String.fromCodePoint(cp));
}

function isAlnumRange(lo: number, hi: number): boolean {
  return (lo >= 0x30 && hi <= 0x39) || (lo >= 0x61 && hi <= 0x7a) || (lo >= 0x41 && hi <= 0x5a);
}

function anchoredAtStart(node: Node): boolean {
  if (node.t === 'assert') return node.kind === 'start';
  if (node.t === 'seq') return node.items.length > 0 && anchoredAtStart(node.items[0]);
  if (node.t === 'alt') return node.options.every(anchoredAtStart);
  return false;
}

/** Whether every match of `node` reads at least one letter or digit. */
function needsAlnum(node: Node): boolean {
  switch (node.t) {
    case 'char':
      return node.alnum;
    case 'assert':
      return false;
    case 'seq':
      return node.items.some(needsAlnum);
    case 'alt':
      return node.options.every(needsAlnum);
    case 'repeat':
      return node.min > 0 && needsAlnum(node.node);
  }
}

/** States the node compiles to (an upper bound), capped early so "(a{32}){32}..." is cheap to refuse. */
function size(node: Node): number {
  switch (node.t) {
    case 'char':
    case 'assert':
      return 1;
    case 'seq':
      return node.items.reduce((sum, item) => Math.min(sum + size(item), MAX_STATES + 1), 0);
    case 'alt':
      return node.options.reduce((sum, o) => Math.min(sum + size(o) + 1, MAX_STATES + 1), 0);
    case 'repeat': {
      const copies = node.max === Infinity ? Math.max(node.min, 1) : node.max;
      return Math.min((size(node.node) + 1) * copies, MAX_STATES + 1);
    }
  }
}

/** Thompson construction, back to front: each node is built with the state it continues to. */
class Builder {
  readonly kinds: number[] = [];
  readonly tests: Array<CharTest | null> = [];
  readonly asserts: Array<Assertion | null> = [];
  readonly out1: number[] = [];
  readonly out2: number[] = [];

  add(kind: number, test: CharTest | null, assertion: Assertion | null, o1: number, o2: number): number {
    this.kinds.push(kind);
    this.tests.push(test);
    this.asserts.push(assertion);
    this.out1.push(o1);
    this.out2.push(o2);
    return this.kinds.length - 1;
  }

  build(node: Node, next: number): number {
    switch (node.t) {
      case 'char':
        return this.add(CHAR, node.test, null, next, -1);
      case 'assert':
        return this.add(ASSERT, null, node.kind, next, -1);
      case 'seq': {
        let state = next;
        for (let k = node.items.length - 1; k >= 0; k--) state = this.build(node.items[k], state);
        return state;
      }
      case 'alt': {
        let state = this.build(node.options[node.options.length - 1], next);
        for (let k = node.options.length - 2; k >= 0; k--)
          state = this.add(SPLIT, null, null, this.build(node.options[k], next), state);
        return state;
      }
      case 'repeat': {
        let state = next;
        if (node.max === Infinity) {
          // x*: a split that either reads x and comes back, or goes on.
          state = this.add(SPLIT, null, null, -1, next);
          this.out1[state] = this.build(node.node, state);
        } else {
          // x{0,k}: k nested optional copies, each of which may skip to what follows the repeat.
          for (let k = node.max - node.min; k > 0; k--)
            state = this.add(SPLIT, null, null, this.build(node.node, state), next);
        }
        for (let k = 0; k < node.min; k++) state = this.build(node.node, state);
        return state;
      }
    }
  }
}
