/**
 * Every NLP figure on data the shipped models never trained or tuned on:
 *   npm run eval:nlp -- --data <benchmarks dir> [--folds 5] [--mentions file] [--errors 20] [--json]
 * The AI-lab corpus's dev split, TweetEval val, VADER and Sanders dev halves, the hand-written
 * mention set, and Dong 2014 by cross-validation (its target model is retrained per fold, since the
 * shipped one has seen every Dong train item). Uses the committed weights otherwise.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_LABS, LabMatcher } from '@labpulse/labs';
import {
  assembleModels,
  bundledTrainedModels,
  createScorer,
  MODEL_VERSION,
  type Scorer,
  type SentimentLabel,
} from '@labpulse/nlp';
import { quantiseModel, trainTargetModel } from '../src/training/train-models';
import { parseArgs } from './cli-args';
import { readDong, readSanders, readTweetEval, readVaderTweets } from './datasets';
import { CORPUS_DIR, readCorpus } from './ai-lab-corpus';
import { CORPUS_LABS } from './corpus-labs';
import {
  type CorpusRun,
  type Figures,
  mentionCalibration,
  mentionFigures,
  scoreCorpus,
  sentimentFigures,
  stanceFigures,
  worstErrors,
} from './corpus-report';
import { accuracy, confusion, macroF1, macroRecall, pearson, recallOf } from './metrics';
import { TRAINING_CONFIG } from './train-pipeline';

const LABEL_INDEX: Record<SentimentLabel, number> = { negative: 0, neutral: 1, positive: 2 };

interface MentionItem {
  id: string;
  text: string;
  labs: string[];
  stance?: Record<string, 'favor' | 'against' | 'neutral'>;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const data = args.get('data');
  if (!data) throw new Error('usage: eval-nlp --data <dir> [--folds 5] [--mentions file] [--errors n] [--json]');
  const folds = Number(args.get('folds') ?? 5);
  const mentionsFile = args.get('mentions') ?? join(__dirname, '..', 'eval', 'lab-mentions.jsonl');
  const scorer = createScorer(DEFAULT_LABS);
  const report: Record<string, Record<string, number | string>> = {};

  const corpusDir = args.get('corpus') ?? CORPUS_DIR;
  const corpusDev = readCorpus(corpusDir, CORPUS_LABS).filter((p) => p.split === 'dev');
  const dev = scoreCorpus(scorer, corpusDev);
  Object.assign(report, aiLabCorpus(dev));
  report.tweeteval = tweetEval(scorer, data);
  report.dong2014 = dongCrossValidation(data, folds);
  report.vader = vader(scorer, data);
  report.sanders = sanders(scorer, data);
  const mentionItems = readFileSync(mentionsFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as MentionItem);
  report['hand-written mention set: lab mentions'] = mentions(mentionItems);
  report['hand-written mention set: stance'] = mentionStance(scorer, mentionItems);

  const errors = Number(args.get('errors') ?? 0);
  if (args.has('json')) {
    console.log(JSON.stringify({ modelVersion: MODEL_VERSION, ...report }, null, 2));
    return;
  }
  console.log(`model ${MODEL_VERSION}`);
  for (const [name, figures] of Object.entries(report)) {
    console.log(`\n${name}`);
    for (const [k, v] of Object.entries(figures))
      console.log(`  ${k.padEnd(42)} ${typeof v === 'number' ? fmt(v) : v}`);
  }
  if (errors > 0)
    console.log(
      `\nmost confident stance errors on AI-lab corpus dev\n${worstErrors(
        dev.pairs.filter((p) => p.english),
        errors,
      ).join('\n')}`,
    );
}

/** The product's own kind of input: posts about AI labs from the three platforms (dev split). */
function aiLabCorpus(run: CorpusRun): Record<string, Figures> {
  const english = run.pairs.filter((p) => p.english);
  const englishPosts = run.posts.filter((p) => p.lang === 'en').length;
  const split = `dev split: ${run.posts.length} posts (${englishPosts} English), ${run.pairs.length} (post, lab) labels`;
  return {
    'ai-lab corpus: lab mentions': { split, ...mentionFigures(run) },
    'ai-lab corpus: post sentiment (English)': sentimentFigures(run, true),
    'ai-lab corpus: post sentiment (all languages; others unscored = neutral)': sentimentFigures(run, false),
    'ai-lab corpus: stance toward labs found (English)': stanceFigures(english, run),
    'ai-lab corpus: stance, single-lab posts (English)': stanceFigures(
      english.filter((p) => !p.multi),
      run,
    ),
    'ai-lab corpus: stance, multi-lab posts (English)': stanceFigures(
      english.filter((p) => p.multi),
      run,
    ),
    'ai-lab corpus: stance (all languages; others unscored = neutral)': stanceFigures(run.pairs, run),
    'ai-lab corpus: mention confidence calibration (English)': mentionCalibration(run, true),
  };
}

function tweetEval(scorer: Scorer, data: string): Record<string, number | string> {
  const val = readTweetEval(data, 'val');
  let unscored = 0;
  const pred = val.map((ex) => {
    const r = scorer.score({ text: ex.text });
    if (!r.scored) unscored++;
    return LABEL_INDEX[r.sentiment.label];
  });
  const gold = val.map((ex) => ex.label);
  return {
    split: `val (${val.length} tweets)`,
    'macro-recall (official metric)': macroRecall(gold, pred, 3),
    accuracy: accuracy(gold, pred),
    'macro-F1': macroF1(gold, pred, 3),
    'confusion (rows gold neg/neu/pos)': JSON.stringify(confusion(gold, pred, 3)),
    'unscored (not English)': unscored,
  };
}

function dongCrossValidation(data: string, folds: number): Record<string, number | string> {
  const items = readDong(data);
  // With its corrections apart: each fold retrains the general target model and folds them in again.
  const base = bundledTrainedModels();
  const gold: number[] = [];
  const pred: number[] = [];
  const wholeText: number[] = [];
  for (let fold = 0; fold < folds; fold++) {
    const train = items.filter((_, i) => i % folds !== fold);
    const test = items.filter((_, i) => i % folds === fold);
    const target = quantiseModel(trainTargetModel(train, base.lexicon, base.general.sentence, TRAINING_CONFIG.target));
    const models = assembleModels({ ...base, general: { ...base.general, target } }, `cv-fold-${fold}`);
    const scorer = createScorer(DEFAULT_LABS, { models });
    for (const ex of test) {
      gold.push(ex.label);
      pred.push(LABEL_INDEX[scorer.scoreTarget(ex.text, ex.target).label]);
      // The post's overall sentiment copied to the target: what listening tools do.
      wholeText.push(LABEL_INDEX[scorer.score({ text: ex.text, language: 'en' }).sentiment.label]);
    }
  }
  return {
    split: `train (${items.length} items), ${folds}-fold cross-validation (fold = index mod ${folds})`,
    accuracy: accuracy(gold, pred),
    'macro-F1': macroF1(gold, pred, 3),
    'baseline: whole-post sentiment acc': accuracy(gold, wholeText),
    'baseline: whole-post macro-F1': macroF1(gold, wholeText, 3),
    'confusion (rows gold neg/neu/pos)': JSON.stringify(confusion(gold, pred, 3)),
  };
}

function vader(scorer: Scorer, data: string): Record<string, number | string> {
  const items = readVaderTweets(data);
  const scores = items.map((it) => {
    const r = scorer.score({ text: it.text });
    return r.scored ? r.sentiment.score : 0;
  });
  const ratings = items.map((it) => it.rating);
  // Protocol of the data README: gold = sign of the mean rating; prediction thresholds +-0.05;
  // P and R micro over the positive and negative classes; a neutral prediction is a miss.
  let tp = 0;
  let fp = 0;
  let fn = 0;
  items.forEach((it, i) => {
    const g = Math.sign(it.rating);
    const p = scores[i] > 0.05 ? 1 : scores[i] < -0.05 ? -1 : 0;
    if (p !== 0 && p === g) tp++;
    if (p !== 0 && p !== g) fp++;
    if (g !== 0 && p !== g) fn++;
  });
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  return {
    split: `tweets_dev (${items.length} tweets)`,
    'Pearson r (score vs mean rating)': pearson(scores, ratings),
    'precision (pos+neg, micro)': precision,
    'recall (pos+neg, micro)': recall,
    F1: (2 * precision * recall) / (precision + recall),
  };
}

function sanders(scorer: Scorer, data: string): Record<string, number | string> {
  const items = readSanders(data).filter((it) => it.sentiment !== 'irrelevant');
  const gold: number[] = [];
  const pred: number[] = [];
  const goldEn: number[] = [];
  const predEn: number[] = [];
  let found = 0;
  for (const it of items) {
    const g = LABEL_INDEX[it.sentiment as SentimentLabel];
    const t = scorer.scoreTarget(it.text, it.topic);
    if (t.found) found++;
    gold.push(g);
    pred.push(LABEL_INDEX[t.label]);
    if (scorer.score({ text: it.text }).scored) {
      goldEn.push(g);
      predEn.push(LABEL_INDEX[t.label]);
    }
  }
  return {
    split: `dev half, positive/negative/neutral toward the topic (${items.length} tweets; "irrelevant" excluded)`,
    accuracy: accuracy(gold, pred),
    'macro-F1': macroF1(gold, pred, 3),
    'majority class (neutral) accuracy': gold.filter((g) => g === 1).length / gold.length,
    'recall negative / neutral / positive': [0, 1, 2].map((c) => recallOf(gold, pred, c).toFixed(3)).join(' / '),
    'confusion (rows gold neg/neu/pos)': JSON.stringify(confusion(gold, pred, 3)),
    'accuracy on posts detected English': accuracy(goldEn, predEn),
    'posts detected English': goldEn.length,
    'topic found in text': found,
  };
}

function mentions(items: MentionItem[]): Record<string, number | string> {
  const matcher = new LabMatcher(DEFAULT_LABS);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let exact = 0;
  let noLabItems = 0;
  let noLabClean = 0;
  for (const it of items) {
    const got = new Set(matcher.match(it.text).map((m) => m.lab));
    const want = new Set(it.labs);
    for (const l of got)
      if (want.has(l)) tp++;
      else fp++;
    for (const l of want) if (!got.has(l)) fn++;
    if (got.size === want.size && [...got].every((l) => want.has(l))) exact++;
    if (want.size === 0) {
      noLabItems++;
      if (got.size === 0) noLabClean++;
    }
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  return {
    set: `${items.length} hand-written items (${noLabItems} name no lab)`,
    precision,
    recall,
    F1: (2 * precision * recall) / (precision + recall),
    'items exactly right': exact / items.length,
    'no-lab items with no false mention': noLabClean / noLabItems,
  };
}

function mentionStance(scorer: Scorer, items: MentionItem[]): Record<string, number | string> {
  const gold: number[] = [];
  const pred: number[] = [];
  const copied: number[] = [];
  const index = { against: 0, neutral: 1, favor: 2 } as const;
  for (const it of items) {
    if (!it.stance) continue;
    const r = scorer.score({ text: it.text });
    for (const [lab, stance] of Object.entries(it.stance)) {
      const m = r.mentions.find((x) => x.lab === lab);
      gold.push(index[stance]);
      pred.push(m ? index[m.stance] : 1);
      copied.push(LABEL_INDEX[r.sentiment.label]);
    }
  }
  return {
    set: `${gold.length} (item, lab) stance labels in the same hand-written file`,
    accuracy: accuracy(gold, pred),
    'macro-F1': macroF1(gold, pred, 3),
    'baseline: post sentiment copied, acc': accuracy(gold, copied),
  };
}

function fmt(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(4);
}

main();
