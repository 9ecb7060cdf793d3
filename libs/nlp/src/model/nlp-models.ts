import type { ClassCalibration } from './calibration';
import { type Lexicon, parseLexicon } from './lexicon';
import type { LinearModel } from './linear-model';
import type { NlpWeightsFile } from './nlp-weights-file';
import { decodeLinearModel } from './weights-codec';
import bundled from './nlp-weights.json';

/** Post sentiment, and sentiment toward a target; both over the same hashed features. */
export interface ModelPair {
  sentence: LinearModel;
  target: LinearModel;
}

/**
 * What training produces and the weights file stores: general models (tweets, Dong 2014) and their
 * AI-lab corrections (the AI-lab corpus), learnt as residuals so the general models stay what general
 * tweets taught them.
 */
export interface TrainedModels {
  lexicon: Lexicon;
  general: ModelPair;
  correction: ModelPair;
  /** How the AI-lab models' probabilities become labels and confidences. */
  calibration: { sentence: ClassCalibration; target: ClassCalibration };
}

/**
 * Everything the scorer reads: its only state besides the lab catalogue. Not the corrections: they
 * are folded into `lab` and dropped, so a worker holds four 6.3 MB weight arrays, not six.
 */
export interface NlpModels extends Omit<TrainedModels, 'correction'> {
  /** For posts that name a lab: the general models with their corrections folded in (one dot product each). */
  lab: ModelPair;
  /** Identifies the weights (see NlpWeightsFile.hash). */
  hash: string;
}

export function assembleModels(trained: TrainedModels, hash: string): NlpModels {
  const { lexicon, general, correction, calibration } = trained;
  const lab = { sentence: general.sentence.plus(correction.sentence), target: general.target.plus(correction.target) };
  return { lexicon, general, lab, calibration, hash };
}

/** The weights file as training wrote it: general models and their corrections, not yet folded. */
export function decodeTrainedModels(file: NlpWeightsFile): TrainedModels {
  if (file.format !== 2) throw new Error(`unsupported weights format ${String(file.format)}`);
  const [sentence, target, sentenceCorrection, targetCorrection] = [
    file.sentence,
    file.target,
    file.sentenceDomain,
    file.targetDomain,
  ].map(decodeLinearModel);
  return {
    lexicon: parseLexicon(file.lexicon),
    general: { sentence, target },
    correction: { sentence: sentenceCorrection, target: targetCorrection },
    calibration: file.calibration,
  };
}

export function decodeModels(file: NlpWeightsFile): NlpModels {
  return assembleModels(decodeTrainedModels(file), file.hash);
}

let cached: NlpModels | undefined;

/** The committed weights, decoded once per process (about 12 MB of Float32 arrays per model pair). */
export function bundledModels(): NlpModels {
  // The JSON's shape is checked by decodeModels at run time, not by the compiler.
  cached ??= decodeModels(bundled as unknown as NlpWeightsFile);
  return cached;
}

/** The committed weights with their corrections apart, decoded afresh (for evaluation scripts that retrain a part). */
export function bundledTrainedModels(): TrainedModels {
  return decodeTrainedModels(bundled as unknown as NlpWeightsFile);
}

export const BUNDLED_WEIGHTS_HASH: string = (bundled as { hash: string }).hash;
