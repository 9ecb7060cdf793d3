export { createScorer, type ScorerOptions } from './scorer/create-scorer';
export type { Scorer } from './scorer/nlp-scorer';
export type {
  Evidence,
  MentionScore,
  ScoreInput,
  ScoreResult,
  Sentiment,
  SentimentLabel,
  Stance,
  TargetSentiment,
} from './scorer/score-result';
export { MODEL_VERSION, RULES_VERSION } from './model-version';
export { detectLanguage, type DetectedLanguage } from './language/language-detector';
export { bundledModels, decodeModels, type NlpModels } from './model/nlp-models';
export type { NlpWeightsFile } from './model/nlp-weights-file';
