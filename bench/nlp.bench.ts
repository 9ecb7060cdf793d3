/**
 * Posts per second on one core: the full LabPulse scorer (language gate, lab matching, sentence
 * sentiment, per-lab stance) beside bare wink-nlp sentiment on the same texts, in the same run,
 * and the lab matcher alone.
 *   npm run bench:nlp -- [--data <benchmarks dir>] [--rounds 5] [--min-ms 1500]
 * The machine is noisy, so the variants are interleaved round by round and medians are compared.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';
import { DEFAULT_LABS, LabMatcher } from '@labpulse/labs';
import { createScorer, MODEL_VERSION } from '@labpulse/nlp';
import { readCorpus } from '../libs/nlp/scripts/ai-lab-corpus';
import { parseArgs } from '../libs/nlp/scripts/cli-args';

type Variant = { name: string; run: (text: string) => number };

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  // The public benchmark data is passed in (never in the repository); without it only the in-repo sets run.
  const data = args.get('data') ?? null;
  const rounds = Number(args.get('rounds') ?? 5);
  const minMs = Number(args.get('min-ms') ?? 1500);
  const sets = textSets(data);

  const scorer = createScorer(DEFAULT_LABS);
  const matcher = new LabMatcher(DEFAULT_LABS);
  const full = winkNLP(model);
  const trimmed = winkNLP(model, ['sbd', 'negation', 'sentiment']);
  /* eslint-disable @typescript-eslint/unbound-method -- wink-nlp's its.* are plain functions passed by reference */
  const variants: Variant[] = [
    { name: 'wink-nlp sentiment, default pipe', run: (t) => full.readDoc(t).out(full.its.sentiment) as number },
    {
      name: "wink-nlp sentiment, pipe ['sbd','negation','sentiment']",
      run: (t) => trimmed.readDoc(t).out(trimmed.its.sentiment) as number,
    },
    /* eslint-enable @typescript-eslint/unbound-method */
    { name: 'LabPulse scorer (full)', run: (t) => scorer.score({ text: t }).mentions.length },
    // The matcher alone (the scorer's lab step): its share of the scorer's time.
    { name: 'LabPulse lab matcher alone', run: (t) => matcher.match(t).length },
  ];

  console.log(
    `model ${MODEL_VERSION}; node ${process.version}; one process, one thread; ${rounds} interleaved rounds of >= ${minMs} ms`,
  );
  for (const [setName, texts] of sets) {
    const avgLen = texts.reduce((a, t) => a + t.length, 0) / texts.length;
    console.log(`\n${setName}: ${texts.length} texts, mean ${avgLen.toFixed(0)} chars`);
    for (const v of variants) measure(v, texts, 200); // warm-up
    const results = new Map<string, number[]>(variants.map((v) => [v.name, []]));
    for (let r = 0; r < rounds; r++) for (const v of variants) results.get(v.name)?.push(measure(v, texts, minMs));
    const med = new Map([...results].map(([k, xs]) => [k, median(xs)]));
    const ours = med.get('LabPulse scorer (full)') ?? 0;
    for (const v of variants) {
      const xs = results.get(v.name) ?? [];
      const m = med.get(v.name) ?? 0;
      const ratio = v.name.startsWith('LabPulse') ? '' : `   scorer/this = ${(ours / m).toFixed(2)}`;
      console.log(
        `  ${v.name.padEnd(56)} ${fmt(m)} posts/s (min ${fmt(Math.min(...xs))}, max ${fmt(Math.max(...xs))})${ratio}`,
      );
    }
  }
}

/** TweetEval val (everyday tweets), the AI-lab corpus (the product's input) and the short lab-mention set. */
function textSets(data: string | null): Array<[string, string[]]> {
  const sets: Array<[string, string[]]> = [];
  const val = data === null ? null : join(data, 'tweeteval-sentiment', 'val_text.txt');
  if (val === null) console.log('no --data <dir>: the TweetEval set is skipped');
  else if (!existsSync(val)) console.log(`no ${val}: the TweetEval set is skipped`);
  else sets.push(['TweetEval val tweets', readFileSync(val, 'utf8').split('\n').filter(Boolean)]);
  const mentions = readFileSync(join(__dirname, '..', 'libs', 'nlp', 'eval', 'lab-mentions.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { text: string }).text);
  sets.push(['AI-lab corpus posts (X, LinkedIn, Facebook; all languages)', readCorpus().map((p) => p.text)]);
  sets.push(['hand-written lab-mention posts', mentions]);
  return sets;
}

function measure(v: Variant, texts: readonly string[], minMs: number): number {
  let n = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (const t of texts) sink += v.run(t);
    n += texts.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  if (Number.isNaN(sink)) console.log('');
  return (n / elapsed) * 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function fmt(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

main();
