import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createScorer } from '@labpulse/nlp';
import type { LabDefinition } from './lab-definition';
import { validateLabDefinition } from './lab-definition.validator';
import { LabMatcher } from './lab-matcher';
import { MAX_SCANNED_CHARS } from './scanned-text';

// Issue 16: an admin-set acceptSuffix "(a+)+$" froze the process for 21 s on this post.
const HOSTILE: LabDefinition = {
  slug: 'zorp-ai',
  name: 'Zorp AI',
  aliases: [],
  products: [],
  people: [],
  handles: [],
  hashtags: [],
  context: [],
  ambiguous: [{ text: 'Zorp', kind: 'product', acceptSuffix: '(a+)+$' }],
};
const HOSTILE_POST = `Zorp ${'a'.repeat(29)}!`.repeat(3);

test('scoring a post against a catastrophic-backtracking acceptSuffix takes < 50 ms (it took 21 s)', () => {
  const scorer = createScorer([HOSTILE]);
  // The one wall-clock bound the issue asks for. On a shared, noisy machine one slow run proves
  // nothing, so the best of up to five counts; the old code never gets under it (seconds a run).
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 5 && best >= 50; run++) {
    const started = performance.now();
    scorer.score({ text: HOSTILE_POST });
    best = Math.min(best, performance.now() - started);
    if (best > 2_000) break;
  }
  assert.ok(best < 50, `best of the runs took ${best.toFixed(1)} ms`);
});

test('patterns that match the empty text are refused, so "I walked the dog" cannot name a lab', () => {
  for (const acceptSuffix of ['', '.*', '(?:)', '^', '$']) {
    const lab = { ...HOSTILE, ambiguous: [{ text: 'dog', kind: 'product', acceptSuffix }] };
    const errors = validateLabDefinition(lab);
    assert.ok(
      errors.some((e) => e.startsWith('ambiguous[0].acceptSuffix ')),
      `${JSON.stringify(acceptSuffix)}: ${errors.join('; ')}`,
    );
  }
});

test('unknown keys of an ambiguous entry are refused, naming the key', () => {
  const lab = { ...HOSTILE, ambiguous: [{ text: 'Zorp', kind: 'product', acceptSufix: '^\\s*\\d' }] };
  assert.deepEqual(
    validateLabDefinition(lab)
      .filter((e) => e.includes('acceptSufix'))
      .map((e) => e.split(' ')[0]),
    ['ambiguous[0].acceptSufix'],
  );
});

test('list sizes are refused before their items are looked at', () => {
  const errors = validateLabDefinition({ ...HOSTILE, aliases: new Array(1_200_000).fill(7) });
  assert.deepEqual(errors, ['aliases must hold at most 200 items']);
  assert.ok(
    validateLabDefinition({ ...HOSTILE, context: ['x'.repeat(101)] }).includes(
      'context[0] must be at most 100 characters',
    ),
  );
});

test('only the first MAX_SCANNED_CHARS characters of a post are matched', () => {
  const matcher = new LabMatcher([{ ...HOSTILE, aliases: ['Zorp AI'] }]);
  assert.deepEqual(
    matcher.match(`${'x '.repeat(MAX_SCANNED_CHARS / 2 - 4)}Zorp AI`).map((m) => m.lab),
    ['zorp-ai'],
  );
  assert.deepEqual(matcher.match(`${'x '.repeat(MAX_SCANNED_CHARS / 2)}Zorp AI`), []);
});

test('scoring reads the same first MAX_SCANNED_CHARS characters, so a 100k-character post costs no more than a 5k one', () => {
  const scorer = createScorer([{ ...HOSTILE, aliases: ['Zorp AI'] }]);
  const head = `Zorp AI is fine. ${'The weather is mild today. '.repeat(200)}`.slice(0, MAX_SCANNED_CHARS);
  const long = head + ' I hate Zorp AI, it is awful, terrible and a disaster.'.repeat(2_000);
  assert.deepEqual(scorer.score({ text: long }), scorer.score({ text: head }));
});
