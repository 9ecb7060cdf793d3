import type { ClassCalibration } from './calibration';
import type { EncodedLinearModel } from './weights-codec';

/** The committed weights file (`nlp-weights.json`), written by `npm run train:nlp`. */
export interface NlpWeightsFile {
  /** 2: general models, in-domain corrections and calibration (1, before the AI-lab corpus, is gone). */
  format: 2;
  /** First 12 hex digits of the SHA-256 of everything below; part of MODEL_VERSION. */
  hash: string;
  /** What produced the weights: data sizes and hyper-parameters, for the record. */
  training: Record<string, unknown>;
  /** "word\tpolarity" lines (see lexicon.ts). */
  lexicon: string;
  /** Post-level sentiment, 3 classes (negative, neutral, positive), learnt from general tweets. */
  sentence: EncodedLinearModel;
  /** Sentiment toward a marked target, 3 classes, same hash space as `sentence`, learnt from Dong 2014. */
  target: EncodedLinearModel;
  /** Corrections added to each model's weights for posts that name an AI lab, learnt from the AI-lab corpus. */
  sentenceDomain: EncodedLinearModel;
  targetDomain: EncodedLinearModel;
  /** How probabilities of posts that name a lab become labels and confidences. */
  calibration: { sentence: ClassCalibration; target: ClassCalibration };
}
