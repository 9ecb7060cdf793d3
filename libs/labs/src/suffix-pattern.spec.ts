import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LABS } from './default-labs';
import type { LabDefinition } from './lab-definition';
import { SuffixPattern } from './suffix-pattern';

const SEED = JSON.parse(
  readFileSync(join(__dirname, '..', '..', '..', 'migrations', 'data', 'labs-seed-v1.json'), 'utf8'),
) as LabDefinition[];
const CATALOGUE_PATTERNS = [
  ...new Set(
    [...DEFAULT_LABS, ...SEED].flatMap((lab) => lab.ambiguous.map((a) => a.acceptSuffix ?? '')).filter(Boolean),
  ),
];

function compiled(source: string): SuffixPattern {
  const pattern = SuffixPattern.compile(source);
  if (typeof pattern === 'string') throw new Error(`${source} refused: ${pattern}`);
  return pattern;
}

test('every pattern of the default catalogue and the seed is accepted', () => {
  assert.ok(CATALOGUE_PATTERNS.length >= 20);
  for (const source of CATALOGUE_PATTERNS) compiled(source);
});

test('catalogue patterns answer as RegExp with flags "iu" did, on every 32-character window of the lab-mention set', () => {
  const texts = readFileSync(join(__dirname, '..', '..', 'nlp', 'eval', 'lab-mentions.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { text: string }).text);
  const windows = texts.flatMap((t) => [...t].map((_, i) => t.slice(i, i + 32)));
  // Case folding, Unicode spaces, boundaries at the window's ends.
  windows.push(
    '',
    ' 2.5',
    '-v3.1 x',
    ' PRO',
    ' proud',
    ' ſonnet',
    ' \u212Aimi',
    '\u00a02',
    ' \u2003pro',
    ' v10.2.3b',
    ' 3.',
    '  from  MISTRAL',
  );
  for (const source of CATALOGUE_PATTERNS) {
    const ours = compiled(source);
    const re = new RegExp(source, 'iu');
    for (const w of windows) assert.equal(ours.test(w), re.test(w), `${source} on ${JSON.stringify(w)}`);
    // In place, as the matcher tests it: the window is a range of the post, not a copy.
    for (const t of texts.slice(0, 50))
      for (let i = 0; i < t.length; i++)
        assert.equal(
          ours.test(t, i, Math.min(t.length, i + 32)),
          re.test(t.slice(i, i + 32)),
          `${source} in ${t} at ${i}`,
        );
  }
});

test('random patterns of the language answer as RegExp does', () => {
  const atoms = ['a', 'b', '\\d', '\\s', '[ab]', '[0-2]', '\\.', '-', '(a|b)', '(\\d|ab)', '(?:a b)', '(a+)'];
  const quantifiers = ['', '', '?', '*', '+', '{2}', '{1,3}', '{0,}'];
  const alphabet = ['a', 'B', '1', '2', ' ', '-', '.'];
  let seed = 7;
  const pick = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed % n;
  };
  let checked = 0;
  for (let i = 0; i < 1_500; i++) {
    let source = pick(2) ? '^' : '';
    for (let j = 0, n = 1 + pick(4); j < n; j++)
      source += atoms[pick(atoms.length)] + quantifiers[pick(quantifiers.length)] + (pick(5) === 0 ? '\\b' : '');
    if (pick(6) === 0) source += '$';
    const ours = SuffixPattern.compile(source);
    if (typeof ours === 'string') continue;
    const re = new RegExp(source, 'iu');
    for (let k = 0; k < 20; k++) {
      let text = '';
      for (let q = 0, n = pick(8); q < n; q++) text += alphabet[pick(alphabet.length)];
      assert.equal(ours.test(text), re.test(text), `${source} on ${JSON.stringify(text)}`);
      checked++;
    }
  }
  assert.ok(checked > 10_000);
});

test('patterns that match nothing, or everything, or need a backtracking engine are refused with the reason', () => {
  const refused: Array<[string, RegExp]> = [
    ['', /letter or digit/],
    ['(?:)', /letter or digit/],
    ['^', /letter or digit/],
    ['$', /letter or digit/],
    ['\\s*', /letter or digit/],
    ['pro|', /letter or digit/],
    ['.*', /"\."/],
    ['(?=a)', /look-arounds/],
    ['(a)\\1', /\\1/],
    ['[^a]', /negated/],
    ['\\w+', /\\w/],
    ['a*?', /lazy/],
    ['a{99}', /at most 32/],
    ['((a{32}){32})', /too complex/],
    ['(pro', /unclosed/],
    ['a'.repeat(201), /at most 200/],
  ];
  for (const [source, reason] of refused) {
    const result = SuffixPattern.compile(source);
    assert.equal(typeof result, 'string', source);
    assert.match(result as string, reason, source);
  }
});

test('a nested quantifier is matched in linear time, and the step budget ends a test that runs past it', () => {
  const pattern = compiled('(a+)+$');
  assert.equal(pattern.test(`${'a'.repeat(31)}!`), false);
  assert.equal(pattern.test('a'.repeat(32)), true);
  const budget = { left: 10 };
  assert.equal(compiled('(a|b)+c').test('ababababababababc', 0, 17, budget), false);
  assert.ok(budget.left < 0);
  assert.equal(compiled('(a|b)+c').test('ababababababababc'), true);
});
