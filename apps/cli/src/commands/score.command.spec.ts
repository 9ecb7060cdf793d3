import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough, Readable } from 'node:stream';
import { scoreCommand } from './score.command';

async function run(
  input: string,
  argv: string[] = [],
): Promise<{ code: number; lines: Array<Record<string, unknown>>; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  const code = await scoreCommand.run(argv, { stdin: Readable.from([input]), stdout, stderr });
  const text = Buffer.concat(out).toString('utf8');
  return {
    code,
    lines: text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>),
    stderr: Buffer.concat(err).toString('utf8'),
  };
}

test('plain lines and JSON lines give one JSON line each, in order, with the documented fields', async () => {
  const { code, lines } = await run(
    [
      "DeepSeek R1 matches OpenAI's o1 at a fraction of the cost",
      '',
      '{"id":"a1","text":"my Gemini horoscope"}',
      '{"id":7,"text":"the ipod is great","target":"ipod"}',
    ].join('\n'),
  );
  assert.equal(code, 0);
  assert.deepEqual(
    lines.map((l) => l.id),
    [1, 'a1', 7],
  );
  const first = lines[0] as { sentiment: Record<string, unknown>; mentions: Array<Record<string, unknown>> };
  assert.deepEqual(Object.keys(first.sentiment), ['label', 'score', 'confidence']);
  assert.deepEqual(
    first.mentions.map((m) => [m.lab, m.stance]),
    [
      ['deepseek', 'favor'],
      ['openai', 'against'],
    ],
  );
  assert.deepEqual(Object.keys(first.mentions[0]), ['lab', 'stance', 'score', 'confidence', 'evidence']);
  assert.equal('target' in first, false);
  assert.deepEqual(lines[1].mentions, []);
  assert.deepEqual(Object.keys(lines[2].target as object), ['label', 'score']);
  assert.equal((lines[2].target as { label: string }).label, 'positive');
});

test('--target applies to every line that has none of its own', async () => {
  const { lines } = await run('iTunes is garbage\n{"id":"x","text":"I love my iPod","target":"ipod"}\n', [
    '--target',
    'itunes',
  ]);
  assert.equal((lines[0].target as { label: string }).label, 'negative');
  assert.equal((lines[1].target as { label: string }).label, 'positive');
});

test('an unknown option is an error', async () => {
  const { code, stderr } = await run('', ['--nope']);
  assert.equal(code, 2);
  assert.match(stderr, /unknown argument --nope/);
});
