import { BUNDLED_WEIGHTS_HASH } from './model/nlp-models';

/**
 * Bump when tokenisation, features, stance rules or language gating change in a way that changes
 * scores; the weights hash changes by itself whenever the model is retrained.
 */
export const RULES_VERSION = '2';

/** Stored with every score, so a model upgrade never mixes versions inside a rollup bucket. */
export const MODEL_VERSION = `labpulse-nlp-r${RULES_VERSION}-w${BUNDLED_WEIGHTS_HASH}`;
