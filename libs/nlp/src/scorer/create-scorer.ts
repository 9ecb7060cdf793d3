import { type LabDefinition, LabMatcher } from '@labpulse/labs';
import { MODEL_VERSION, RULES_VERSION } from '../model-version';
import { bundledModels, type NlpModels } from '../model/nlp-models';
import { ALL_RULES, NlpScorer, type Scorer, type ScoringRules } from './nlp-scorer';

export interface ScorerOptions {
  /** Other weights than the committed ones (training and cross-validation use this). */
  models?: NlpModels;
  /** Which hand-written rules apply (evaluation only: ablations); all by default. */
  rules?: ScoringRules;
}

/**
 * A scorer for the given catalogue. Cheap to call again when the catalogue changes: the weights are
 * decoded once per process and shared; only the lab matcher is recompiled.
 */
export function createScorer(labs: readonly LabDefinition[], options: ScorerOptions = {}): Scorer {
  const models = options.models ?? bundledModels();
  const version = options.models ? `labpulse-nlp-r${RULES_VERSION}-w${models.hash}` : MODEL_VERSION;
  return new NlpScorer(new LabMatcher(labs), models, version, options.rules ?? ALL_RULES);
}
