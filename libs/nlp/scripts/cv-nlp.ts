/**
 * Cross-validation on the AI-lab corpus's TRAIN split: how hyper-parameters, features and rules are
 * chosen without looking at dev. Each fold trains on TweetEval + Dong + the other folds and is scored
 * on its own posts; the figures pool every fold.
 *   npm run cv:nlp -- --data <benchmarks dir> [--folds 5] [--set corpusTargetWeight=20,target.l1=0.5]
 *     [--without stanceCues,contrastClause] [--fraction 0.5] [--corpus dir] [--errors n]
 */
import { DEFAULT_LABS, LabMatcher } from '@labpulse/labs';
import { ALL_RULES, IDENTITY_CALIBRATION } from '@labpulse/nlp';
import { fitCalibration } from '../src/training/fit-calibration';
import { CORPUS_DIR, readCorpus } from './ai-lab-corpus';
import { parseArgs } from './cli-args';
import { CORPUS_LABS } from './corpus-labs';
import {
  type CorpusRun,
  type Figures,
  mentionCalibration,
  sentimentFigures,
  stanceFigures,
  worstErrors,
} from './corpus-report';
import { outOfFold, predictionsOf, runOf } from './cross-validation';
import { SENTIMENT_INDEX } from './corpus-examples';
import { readDong, readTweetEval } from './datasets';
import { macroRecall } from './metrics';
import { buildLexicon } from './lexicon-build';
import { TRAINING_CONFIG, type TrainingConfig, trainGeneral } from './train-pipeline';

/** `--set corpusTargetWeight=20,target.l1=0.5`: one experiment's changes to the shipped configuration. */
function withOverrides(base: TrainingConfig, spec: string): TrainingConfig {
  const config = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  for (const pair of spec.split(',').filter(Boolean)) {
    const [path, value] = pair.split('=');
    const keys = path.split('.');
    let at = config;
    for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
    const last = keys[keys.length - 1];
    if (!(last in at)) throw new Error(`--set: unknown setting ${path}`);
    at[last] = value === 'balanced' ? value : Number(value);
  }
  return config as unknown as TrainingConfig;
}

function byBatch(run: CorpusRun): Figures {
  const out: Figures = {};
  for (const batch of [...new Set(run.posts.map((p) => p.batch))].sort()) {
    const idx = run.posts.map((p, i) => i).filter((i) => run.posts[i].batch === batch && run.posts[i].lang === 'en');
    const sub: CorpusRun = { posts: idx.map((i) => run.posts[i]), results: idx.map((i) => run.results[i]), pairs: [] };
    const pairs = run.pairs.filter((p) => p.post.batch === batch && p.english);
    out[batch] =
      `${Number(stanceFigures(pairs, run)['macro-F1']).toFixed(3)} / ${Number(sentimentFigures(sub, true)['macro-F1']).toFixed(3)}`;
  }
  return out;
}

function report(run: CorpusRun): Record<string, Figures> {
  const english = run.pairs.filter((p) => p.english);
  return {
    'sentiment (English)': sentimentFigures(run, true),
    'stance (English)': stanceFigures(english, run),
    'stance, single-lab posts': stanceFigures(
      english.filter((p) => !p.multi),
      run,
    ),
    'stance, multi-lab posts': stanceFigures(
      english.filter((p) => p.multi),
      run,
    ),
    'mention calibration (English)': mentionCalibration(run, true),
    'by batch: stance / sentiment macro-F1 (English)': byBatch(run),
  };
}

function print(title: string, sections: Record<string, Figures>): void {
  console.log(`\n#### ${title}`);
  for (const [name, figures] of Object.entries(sections)) {
    console.log(`\n${name}`);
    for (const [k, v] of Object.entries(figures))
      console.log(`  ${k.padEnd(42)} ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(4) : v}`);
  }
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const data = args.get('data');
  if (!data)
    throw new Error(
      'usage: cv-nlp --data <dir> [--folds 5] [--set key=value,...] [--without rule,...] [--fraction f] [--corpus dir] [--errors n]',
    );
  const folds = Number(args.get('folds') ?? 5);
  const config = withOverrides(TRAINING_CONFIG, args.get('set') ?? '');
  const without = (args.get('without') ?? '').split(',').filter(Boolean);
  const rules = { ...ALL_RULES, ...Object.fromEntries(without.map((r) => [r, false])) };
  const tweets = readTweetEval(data, 'train');
  const lexicon = buildLexicon(tweets);
  const corpus = readCorpus(args.get('corpus') ?? CORPUS_DIR, CORPUS_LABS).filter((p) => p.split === 'train');
  // The general benchmark these changes must not break: TweetEval val, scored by every fold's models.
  const val = readTweetEval(data, 'val');
  const valRecall: number[] = [];
  const general = trainGeneral({ tweets, dong: readDong(data) }, lexicon, config);
  const oof = outOfFold(corpus, general, lexicon, DEFAULT_LABS, new LabMatcher(DEFAULT_LABS), config, {
    folds,
    rules,
    fraction: Number(args.get('fraction') ?? 1),
    onFold: (scorer) => {
      const pred = val.map((t) => SENTIMENT_INDEX[scorer.score({ text: t.text }).sentiment.label]);
      valRecall.push(
        macroRecall(
          val.map((t) => t.label),
          pred,
          3,
        ),
      );
    },
  });
  console.log(
    `TweetEval val macro-recall, mean of the folds' models (no calibration): ${(valRecall.reduce((a, b) => a + b, 0) / folds).toFixed(4)}`,
  );
  console.log(
    `${folds}-fold cross-validation on ${corpus.length} train-split posts; settings ${JSON.stringify(config)}; without ${without.join(',') || '-'}`,
  );
  const raw = runOf(oof, { sentence: IDENTITY_CALIBRATION, target: IDENTITY_CALIBRATION });
  print('most probable class (no calibration)', report(raw));
  const predictions = predictionsOf(oof);
  const calibration = { sentence: fitCalibration(predictions.sentence), target: fitCalibration(predictions.target) };
  print(
    `calibrated on these same out-of-fold predictions (optimistic): ${JSON.stringify(calibration)}`,
    report(runOf(oof, calibration)),
  );
  const errors = Number(args.get('errors') ?? 0);
  if (errors > 0)
    console.log(
      `\nmost confident stance errors\n${worstErrors(
        raw.pairs.filter((p) => p.english),
        errors,
      ).join('\n')}`,
    );
}

main();
