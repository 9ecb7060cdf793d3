/**
 * Trains the sentence and target models and writes libs/nlp/src/model/nlp-weights.json.
 *   npm run train:nlp -- --data ../shared/data [--out path]
 * Deterministic: the same data gives a byte-identical file (and so the same MODEL_VERSION).
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseLexicon, encodeLexicon } from '../src/model/lexicon';
import {
  buildWeightsFile,
  lexiconVocabulary,
  quantiseModel,
  SENTENCE_TRAINING,
  TARGET_TRAINING,
  trainSentenceModel,
  trainTargetModel,
} from '../src/training/train-models';
import { parseArgs } from './cli-args';
import { readDong, readTweetEval } from './datasets';
import { winkLexicon } from './wink-lexicon';

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const data = args.get('data');
  if (!data) throw new Error('usage: train-nlp --data <dir with tweeteval-sentiment/ and dong2014/> [--out file]');
  const out = resolve(args.get('out') ?? join(__dirname, '..', 'src', 'model', 'nlp-weights.json'));
  const started = Date.now();
  const log = (msg: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

  const tweets = readTweetEval(data, 'train');
  const dong = readDong(data);
  log(`read ${tweets.length} TweetEval train tweets, ${dong.length} Dong 2014 train items`);

  // Round-trip through the stored form so training sees exactly the lexicon the scorer will load.
  const lexicon = parseLexicon(encodeLexicon(winkLexicon(lexiconVocabulary(tweets.map((t) => t.text)))));
  log(`lexicon: ${lexicon.size} entries from wink-nlp's sentiment lexicon`);

  const sentence = quantiseModel(trainSentenceModel(tweets, lexicon));
  log('sentence model trained');
  const target = quantiseModel(trainTargetModel(dong, lexicon, sentence));
  log('target model trained');

  const file = buildWeightsFile(lexicon, sentence, target, {
    data: { tweetevalTrain: tweets.length, dongTrain: dong.length },
    sentence: SENTENCE_TRAINING,
    target: TARGET_TRAINING,
  });
  writeFileSync(out, `${JSON.stringify(file)}\n`);
  log(`wrote ${out}: hash ${file.hash}, ${file.sentence.features} + ${file.target.features} features`);
}

main();
