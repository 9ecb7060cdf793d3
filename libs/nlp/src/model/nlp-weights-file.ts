import type { ClassCalibration } from './calibration';
import type { EncodedLinearModel } from './weights-codec';

/** The committed weights file (`nlp-weights.json`), written by `npm run train:nlp`. */
export interface NlpWeightsFile {
  /** 1: no calibration (identity); 2: with `calibration`. */
  format: 1 | 2;
  /** First 12 hex digits of the SHA-256 of everything below; part of MODEL_VERSION. */
  hash: string;
  /** What produced the weights: data sizes and hyper-parameters, for the record. */
  training: Record<string, unknown>;
  /** "word\tpolarity" lines (see lexicon.ts). */
  lexicon: string;
  /** Tweet-level sentiment, 3 classes (negative, neutral, positive). */
  sentence: EncodedLinearModel;
  /** Sentiment toward a marked target, 3 classes, same hash space as `sentence`. */
  target: EncodedLinearModel;
  /** Present from format 2. */
  calibration?: { sentence: ClassCalibration; target: ClassCalibration };
}
