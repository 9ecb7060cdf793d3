import type { LabMatcher } from '@labpulse/labs';
import { IDENTITY_CALIBRATION } from '../src/model/calibration';
import type { Lexicon } from '../src/model/lexicon';
import type { NlpModels } from '../src/model/nlp-models';
import type { FtrlOptions } from '../src/training/ftrl-trainer';
import {
  quantiseModel,
  SENTENCE_TRAINING,
  TARGET_TRAINING,
  type TargetExample,
  type TextExample,
  trainSentenceModel,
  trainTargetModel,
} from '../src/training/train-models';
import type { CorpusPost } from './ai-lab-corpus';
import { englishPosts, sentenceExamples, targetExamples, withDomain } from './corpus-examples';

/** Everything that shapes the shipped models besides the data; stored in the weights file. */
export interface TrainingConfig {
  sentence: FtrlOptions;
  target: FtrlOptions;
  /** How much one AI-lab corpus post counts against one general tweet / one Dong item. */
  corpusSentenceWeight: number;
  corpusTargetWeight: number;
  /** How much one TweetEval tweet counts in the sentence model. */
  tweetWeight: number;
  /** How much one Dong 2014 item counts in the target model (1: as much as one general example). */
  dongWeight: number;
}

export const TRAINING_CONFIG: TrainingConfig = {
  sentence: SENTENCE_TRAINING,
  target: TARGET_TRAINING,
  corpusSentenceWeight: 40,
  corpusTargetWeight: 40,
  dongWeight: 1,
  tweetWeight: 1,
};

export interface TrainingSets {
  tweets: readonly TextExample[];
  dong: readonly TargetExample[];
  /** AI-lab corpus posts to learn from (never the dev split). */
  corpus: readonly CorpusPost[];
}

/** Both models, quantised as shipped (the target model learns from the shipped sentence model). */
export function trainModels(sets: TrainingSets, lexicon: Lexicon, matcher: LabMatcher, config: TrainingConfig = TRAINING_CONFIG): NlpModels {
  const corpus = englishPosts(sets.corpus);
  const tweets = withDomain(sets.tweets, matcher, config.tweetWeight);
  const sentence = quantiseModel(trainSentenceModel([...tweets, ...sentenceExamples(corpus, matcher, config.corpusSentenceWeight)], lexicon, config.sentence));
  const dong = withDomain(sets.dong, matcher, config.dongWeight);
  const target = quantiseModel(trainTargetModel([...dong, ...targetExamples(corpus, matcher, config.corpusTargetWeight)], lexicon, sentence, config.target));
  return { lexicon, sentence, target, calibration: { sentence: IDENTITY_CALIBRATION, target: IDENTITY_CALIBRATION }, hash: 'unsaved' };
}
