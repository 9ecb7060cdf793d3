export { createScorer, type ScorerOptions } from './scorer/create-scorer';
export { ALL_RULES, decide, type PostAnalysis, type Scorer, type ScoringRules } from './scorer/nlp-scorer';
export { type ClassCalibration, IDENTITY_CALIBRATION } from './model/calibration';
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
export {
  assembleModels,
  bundledModels,
  bundledTrainedModels,
  decodeModels,
  type ModelPair,
  type NlpModels,
  type TrainedModels,
} from './model/nlp-models';
export type { NlpWeightsFile } from './model/nlp-weights-file';
