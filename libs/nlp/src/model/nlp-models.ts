import { type ClassCalibration, IDENTITY_CALIBRATION } from './calibration';
import { type Lexicon, parseLexicon } from './lexicon';
import type { LinearModel } from './linear-model';
import type { NlpWeightsFile } from './nlp-weights-file';
import { decodeLinearModel } from './weights-codec';
import bundled from './nlp-weights.json';

/** Everything learnt: the scorer's only state besides the lab catalogue. */
export interface NlpModels {
  lexicon: Lexicon;
  sentence: LinearModel;
  target: LinearModel;
  /** How each model's probabilities become labels and confidences. */
  calibration: { sentence: ClassCalibration; target: ClassCalibration };
  /** Identifies the weights (see NlpWeightsFile.hash). */
  hash: string;
}

export function decodeModels(file: NlpWeightsFile): NlpModels {
  if (file.format !== 1 && file.format !== 2) throw new Error(`unsupported weights format ${String(file.format)}`);
  const sentence = decodeLinearModel(file.sentence);
  const target = decodeLinearModel(file.target);
  if (sentence.bits !== target.bits) throw new Error('sentence and target models must share a hash size');
  if (file.format === 2 && !file.calibration) throw new Error('weights format 2 needs a calibration');
  const calibration = file.calibration ?? { sentence: IDENTITY_CALIBRATION, target: IDENTITY_CALIBRATION };
  return { lexicon: parseLexicon(file.lexicon), sentence, target, calibration, hash: file.hash };
}

let cached: NlpModels | undefined;

/** The committed weights, decoded once per process (about 12 MB of Float32 arrays). */
export function bundledModels(): NlpModels {
  cached ??= decodeModels(bundled as NlpWeightsFile);
  return cached;
}

export const BUNDLED_WEIGHTS_HASH: string = (bundled as NlpWeightsFile).hash;
