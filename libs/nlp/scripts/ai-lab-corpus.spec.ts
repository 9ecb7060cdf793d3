import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_LABS } from '@labpulse/labs';
import { readCorpus, splitOf } from './ai-lab-corpus';
import { CORPUS_LABS } from './corpus-labs';

const posts = readCorpus(undefined, CORPUS_LABS);

test('the corpus reads cleanly: every record valid, ids and texts unique, labs of the catalogue only', () => {
  assert.ok(posts.length >= 2000, `${posts.length} posts`);
  assert.deepEqual([...CORPUS_LABS].sort(), DEFAULT_LABS.map((l) => l.slug).sort());
});

test('it looks like the platforms: all three, long posts, several labs, other languages', () => {
  for (const platform of ['x', 'linkedin', 'facebook'])
    assert.ok(posts.filter((p) => p.platform === platform).length >= 300, platform);
  assert.ok(posts.filter((p) => p.text.length >= 200).length >= posts.length / 4);
  assert.ok(posts.filter((p) => Object.keys(p.stance).length >= 2).length >= posts.length / 10);
  assert.ok(posts.filter((p) => p.lang !== 'en').length >= 100);
  for (const s of ['favor', 'against', 'neutral'])
    assert.ok(posts.flatMap((p) => Object.values(p.stance)).filter((x) => x === s).length >= 1000, s);
});

test('the split is fixed by the id: about a quarter is dev, and a post never moves', () => {
  const dev = posts.filter((p) => p.split === 'dev').length / posts.length;
  assert.ok(dev > 0.22 && dev < 0.28, `dev share ${dev}`);
  assert.equal(splitOf('x-dev-0001'), splitOf('x-dev-0001'));
  assert.deepEqual(['x-dev-0001', 'x-dev-0002', 'x-dev-0003', 'x-dev-0004', 'x-dev-0005'].map(splitOf), [
    'dev',
    'train',
    'train',
    'train',
    'train',
  ]);
});

test('a malformed record is refused with its file, line and field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-'));
  const good = {
    id: 'b-0001',
    platform: 'x',
    lang: 'en',
    text: 'Claude 4 rocks',
    sentiment: 'positive',
    stance: { anthropic: 'favor' },
  };
  writeFileSync(
    join(dir, 'b.jsonl'),
    `${JSON.stringify(good)}\n${JSON.stringify({ ...good, id: 'b-0002', text: 'other', stance: { anthropic: 'love' } })}\n`,
  );
  assert.throws(() => readCorpus(dir, CORPUS_LABS), /b\.jsonl:2: stance\.anthropic must be favor, against or neutral/);
  writeFileSync(
    join(dir, 'b.jsonl'),
    `${JSON.stringify(good)}\n${JSON.stringify({ ...good, id: 'b-0002', text: ' CLAUDE 4  rocks' })}\n`,
  );
  assert.throws(() => readCorpus(dir, CORPUS_LABS), /same text as b-0001/);
  writeFileSync(join(dir, 'b.jsonl'), `${JSON.stringify({ ...good, stance: { 'no-such-lab': 'favor' } })}\n`);
  assert.throws(() => readCorpus(dir, CORPUS_LABS), /unknown lab "no-such-lab"/);
});
