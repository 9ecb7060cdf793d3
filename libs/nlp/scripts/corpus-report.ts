import type { ScoreResult, Scorer } from '@labpulse/nlp';
import type { CorpusPost } from './ai-lab-corpus';
import { SENTIMENT_INDEX, STANCE_INDEX } from './corpus-examples';
import { accuracy, confusion, macroF1, recallOf, reliability } from './metrics';

export type Figures = Record<string, number | string>;

/** One labelled (post, lab) pair as the scorer saw it. */
export interface StancePair {
  post: CorpusPost;
  lab: string;
  gold: number;
  /** Null when the matcher did not find the lab. */
  pred: number | null;
  score: number;
  confidence: number;
  multi: boolean;
  english: boolean;
}

export interface CorpusRun {
  posts: CorpusPost[];
  results: ScoreResult[];
  pairs: StancePair[];
}

const STANCE_NAMES = ['against', 'neutral', 'favor'];

export function scoreCorpus(scorer: Scorer, posts: readonly CorpusPost[]): CorpusRun {
  return runFrom(
    posts,
    posts.map((p) => scorer.score({ text: p.text })),
  );
}

/** The (post, lab) pairs of scored posts, matched to their gold labels. */
export function runFrom(posts: readonly CorpusPost[], results: ScoreResult[]): CorpusRun {
  const pairs: StancePair[] = [];
  posts.forEach((post, i) => {
    const r = results[i];
    const labs = Object.keys(post.stance);
    for (const lab of labs) {
      const m = r.mentions.find((x) => x.lab === lab);
      pairs.push({
        post,
        lab,
        gold: STANCE_INDEX[post.stance[lab]],
        pred: m ? STANCE_INDEX[m.stance] : null,
        score: m?.score ?? 0,
        confidence: m?.confidence ?? 0,
        multi: labs.length > 1,
        english: post.lang === 'en',
      });
    }
  });
  return { posts: [...posts], results, pairs };
}

/** Lab detection over (post, lab) pairs: every lab of the catalogue the post refers to. */
export function mentionFigures(run: CorpusRun): Figures {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let noLab = 0;
  let noLabClean = 0;
  run.posts.forEach((p, i) => {
    const got = new Set(run.results[i].mentions.map((m) => m.lab));
    const want = new Set(Object.keys(p.stance));
    for (const l of got)
      if (want.has(l)) tp++;
      else fp++;
    for (const l of want) if (!got.has(l)) fn++;
    if (want.size === 0) {
      noLab++;
      if (got.size === 0) noLabClean++;
    }
  });
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  return {
    'pairs (gold / found / right)': `${tp + fn} / ${tp + fp} / ${tp}`,
    precision,
    recall,
    F1: (2 * precision * recall) / (precision + recall),
    'posts naming no lab, none found': `${noLabClean} of ${noLab}`,
  };
}

export function sentimentFigures(run: CorpusRun, english: boolean): Figures {
  const idx = run.posts.map((p, i) => i).filter((i) => !english || run.posts[i].lang === 'en');
  const gold = idx.map((i) => SENTIMENT_INDEX[run.posts[i].sentiment]);
  const pred = idx.map((i) => SENTIMENT_INDEX[run.results[i].sentiment.label]);
  const correct = idx.map((i, k) => gold[k] === pred[k]);
  const conf = idx.map((i) => run.results[i].sentiment.confidence);
  return {
    posts: idx.length,
    'macro-F1': macroF1(gold, pred, 3),
    accuracy: accuracy(gold, pred),
    'recall negative / neutral / positive': [0, 1, 2].map((c) => recallOf(gold, pred, c).toFixed(3)).join(' / '),
    'confusion (rows gold neg/neu/pos)': JSON.stringify(confusion(gold, pred, 3)),
    ...calibrationFigures(conf, correct),
  };
}

/** Stance on the (post, lab) pairs whose lab the matcher found, as the figures are defined. */
export function stanceFigures(pairs: readonly StancePair[], run: CorpusRun): Figures {
  const found = pairs.filter((p) => p.pred !== null);
  const gold = found.map((p) => p.gold);
  const pred = found.map((p) => p.pred as number);
  const copied = found.map((p) => SENTIMENT_INDEX[run.results[run.posts.indexOf(p.post)].sentiment.label]);
  const median = (c: number): number => {
    const xs = found
      .filter((p) => p.gold === c)
      .map((p) => p.score)
      .sort((a, b) => a - b);
    return xs.length ? xs[Math.floor(xs.length / 2)] : 0;
  };
  return {
    'pairs found (of labelled)': `${found.length} of ${pairs.length}`,
    'macro-F1': macroF1(gold, pred, 3),
    accuracy: accuracy(gold, pred),
    'recall against / neutral / favor': [0, 1, 2].map((c) => recallOf(gold, pred, c).toFixed(3)).join(' / '),
    'confusion (rows gold against/neu/favor)': JSON.stringify(confusion(gold, pred, 3)),
    'median score, gold favor / against': `${median(2).toFixed(3)} / ${median(0).toFixed(3)}`,
    'baseline: post sentiment copied, acc': accuracy(gold, copied),
    'baseline: post sentiment copied, macro-F1': macroF1(gold, copied, 3),
  };
}

/**
 * Whether `confidence` means what it says for mentions: among every mention the scorer returns
 * (false ones included, as wrong), the share right (lab meant and stance right) per confidence bin.
 */
export function mentionCalibration(run: CorpusRun, english: boolean): Figures {
  const conf: number[] = [];
  const correct: boolean[] = [];
  run.posts.forEach((p, i) => {
    if (english && p.lang !== 'en') return;
    for (const m of run.results[i].mentions) {
      const gold = p.stance[m.lab];
      conf.push(m.confidence);
      correct.push(gold !== undefined && gold === m.stance);
    }
  });
  return calibrationFigures(conf, correct);
}

function calibrationFigures(conf: readonly number[], correct: readonly boolean[]): Figures {
  const { ece, bins } = reliability(conf, correct, 10);
  return {
    ECE: ece,
    'reliability (conf range: n, mean conf -> accuracy)': bins
      .filter((b) => b.n > 0)
      .map((b) => `[${b.lo.toFixed(1)},${b.hi.toFixed(1)}): ${b.n}, ${b.conf.toFixed(2)} -> ${b.acc.toFixed(2)}`)
      .join('; '),
  };
}

/** The most confident wrong stances: what the model saw and said. */
export function worstErrors(pairs: readonly StancePair[], n: number): string[] {
  return pairs
    .filter((p) => p.pred !== null && p.pred !== p.gold)
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, n)
    .map(
      (p) =>
        `${p.post.id} ${p.lab}: gold ${STANCE_NAMES[p.gold]}, said ${STANCE_NAMES[p.pred as number]} (score ${p.score.toFixed(2)}, conf ${p.confidence.toFixed(2)}) | ${p.post.text.replace(/\n/g, ' ⏎ ')}`,
    );
}
