import { encodeLexicon, type Lexicon, parseLexicon } from '../src/model/lexicon';
import { lexiconVocabulary } from '../src/training/train-models';
import type { LabelledText } from './datasets';
import { winkLexicon } from './wink-lexicon';

/**
 * wink-nlp's polarity of the words the tweets use, round-tripped through the stored form so training
 * sees exactly the lexicon the scorer will load.
 */
export function buildLexicon(tweets: readonly LabelledText[]): Lexicon {
  return parseLexicon(encodeLexicon(winkLexicon(lexiconVocabulary(tweets.map((t) => t.text)))));
}
