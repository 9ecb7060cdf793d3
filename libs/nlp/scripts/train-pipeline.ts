import type { LabMatcher } from '@labpulse/labs';
import type { Lexicon } from '../src/model/lexicon';
import type { ModelPair, TrainedModels } from '../src/model/nlp-models';
import { IDENTITY_CALIBRATION } from '../src/model/calibration';
import type { FtrlOptions } from '../src/training/ftrl-trainer';
import {
  quantiseModel,
  SENTENCE_TRAINING,
  TARGET_TRAINING,
  type TargetExample,
  type TextExample,
  trainSentenceDomain,
  trainSentenceModel,
  trainTargetDomain,
  trainTargetModel,
} from '../src/training/train-models';
import type { CorpusPost } from './ai-lab-corpus';
import { englishPosts, sentenceExamples, targetExamples } from './corpus-examples';

/** Everything that shapes the shipped models besides the data; stored in the weights file. */
export interface TrainingConfig {
  /** General models: TweetEval tweets, Dong 2014 targets. */
  sentence: FtrlOptions;
  target: FtrlOptions;
  /** In-domain corrections: the AI-lab corpus's train split. */
  sentenceDomain: FtrlOptions;
  targetDomain: FtrlOptions;
}

export const TRAINING_CONFIG: TrainingConfig = {
  sentence: SENTENCE_TRAINING,
  target: TARGET_TRAINING,
  sentenceDomain: { ...SENTENCE_TRAINING, epochs: 10, alpha: 0.2, l1: 1, seed: 3 },
  targetDomain: { ...TARGET_TRAINING, alpha: 0.1, l2: 1, classWeights: 'balanced', seed: 4 },
};

export interface GeneralSets {
  tweets: readonly TextExample[];
  dong: readonly TargetExample[];
}

/** The general models, quantised as shipped (the target model learns from the shipped sentence model). */
export function trainGeneral(sets: GeneralSets, lexicon: Lexicon, config: TrainingConfig = TRAINING_CONFIG): ModelPair {
  const sentence = quantiseModel(trainSentenceModel(sets.tweets, lexicon, config.sentence));
  const target = quantiseModel(trainTargetModel(sets.dong, lexicon, sentence, config.target));
  return { sentence, target };
}

/**
 * The in-domain corrections from corpus posts (never the dev split), on top of `general`. Only posts
 * the matcher finds a lab in are used: the scorer applies the corrections to exactly those.
 */
export function trainDomain(
  corpus: readonly CorpusPost[],
  general: ModelPair,
  lexicon: Lexicon,
  matcher: LabMatcher,
  config: TrainingConfig = TRAINING_CONFIG,
): TrainedModels {
  const posts = englishPosts(corpus).filter((p) => matcher.match(p.text).length > 0);
  const sentenceDomain = quantiseModel(
    trainSentenceDomain(sentenceExamples(posts, matcher), lexicon, general.sentence, config.sentenceDomain),
  );
  const targetDomain = quantiseModel(
    trainTargetDomain(
      targetExamples(posts, matcher),
      lexicon,
      { general: general.sentence, domain: sentenceDomain },
      general.target,
      config.targetDomain,
    ),
  );
  return {
    lexicon,
    general,
    correction: { sentence: sentenceDomain, target: targetDomain },
    calibration: { sentence: IDENTITY_CALIBRATION, target: IDENTITY_CALIBRATION },
  };
}
