import { createHash } from 'node:crypto';
import type { LabMatcher, LabDefinition } from '@labpulse/labs';
import { createScorer, decide, type NlpModels, type PostAnalysis, type Scorer, type ScoringRules } from '@labpulse/nlp';
import type { Lexicon } from '../src/model/lexicon';
import { assembleModels, type ModelPair } from '../src/model/nlp-models';
import type { Prediction } from '../src/training/fit-calibration';
import type { CorpusPost } from './ai-lab-corpus';
import { SENTIMENT_INDEX, STANCE_INDEX } from './corpus-examples';
import { type CorpusRun, runFrom } from './corpus-report';
import { type TrainingConfig, trainDomain } from './train-pipeline';

export interface OutOfFold {
  posts: CorpusPost[];
  analyses: PostAnalysis[];
}

export interface CrossValidation {
  folds: number;
  rules?: ScoringRules;
  /** Share of each fold's training posts used (a learning curve); 1 = all. */
  fraction?: number;
  /** Called with each fold's scorer (e.g. to score a general benchmark with it too). */
  onFold?: (scorer: Scorer) => void;
}

const inShare = (salt: string, id: string, share: number): boolean =>
  createHash('sha256').update(`${salt}:${id}`).digest()[0] < 256 * share;

/** Fold of a corpus post: fixed by its id, like the train/dev split. */
export function foldOf(id: string, folds: number): number {
  return createHash('sha256').update(`cv:${id}`).digest()[0] % folds;
}

/**
 * Every post of `corpus` analysed by models that never saw it: each fold is scored by the general
 * models with in-domain corrections trained on the other folds.
 */
export function outOfFold(
  corpus: readonly CorpusPost[],
  general: ModelPair,
  lexicon: Lexicon,
  labs: readonly LabDefinition[],
  matcher: LabMatcher,
  config: TrainingConfig,
  cv: CrossValidation,
): OutOfFold {
  const posts: CorpusPost[] = [];
  const analyses: PostAnalysis[] = [];
  for (let f = 0; f < cv.folds; f++) {
    const used = corpus.filter((p) => foldOf(p.id, cv.folds) !== f && inShare('frac', p.id, cv.fraction ?? 1));
    const models = assembleModels(trainDomain(used, general, lexicon, matcher, config), `cv${f}`);
    const scorer = createScorer(labs, { models, rules: cv.rules });
    cv.onFold?.(scorer);
    for (const p of corpus.filter((x) => foldOf(x.id, cv.folds) === f)) {
      posts.push(p);
      analyses.push(scorer.analyse({ text: p.text }));
    }
    process.stderr.write(`fold ${f + 1}/${cv.folds} done\n`);
  }
  return { posts, analyses };
}

/** English posts' sentence predictions, and target predictions of the labelled labs the matcher found. */
export function predictionsOf(oof: OutOfFold): { sentence: Prediction[]; target: Prediction[] } {
  const sentence: Prediction[] = [];
  const target: Prediction[] = [];
  oof.posts.forEach((p, i) => {
    const a = oof.analyses[i];
    if (p.lang !== 'en' || !a.scorable) return;
    sentence.push({ probs: a.sentiment, gold: SENTIMENT_INDEX[p.sentiment] });
    for (const m of a.mentions) {
      const gold = p.stance[m.match.lab];
      if (gold !== undefined && m.probs) target.push({ probs: m.probs, gold: STANCE_INDEX[gold] });
    }
  });
  return { sentence, target };
}

export function runOf(oof: OutOfFold, calibration: NlpModels['calibration']): CorpusRun {
  return runFrom(
    oof.posts,
    oof.analyses.map((a) => decide(a, calibration)),
  );
}
