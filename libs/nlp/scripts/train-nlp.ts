/**
 * Trains the sentence and target models, fits their calibration, and writes
 * libs/nlp/src/model/nlp-weights.json:
 *   npm run train:nlp -- --data <benchmarks dir> [--out path] [--folds 5] [--corpus dir]
 * Data: TweetEval train and Dong 2014 train from --data, and the AI-lab corpus's train split from
 * libs/nlp/corpus (never its dev split). Calibration (temperature and class offsets) is fitted on
 * out-of-fold predictions of the corpus train split, so it never sees a post its models learnt from.
 * Deterministic: the same data gives a byte-identical file (and so the same MODEL_VERSION).
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_LABS, LabMatcher } from '@labpulse/labs';
import { ALL_RULES } from '@labpulse/nlp';
import { fitCalibration } from '../src/training/fit-calibration';
import { buildWeightsFile } from '../src/training/train-models';
import { CORPUS_DIR, readCorpus } from './ai-lab-corpus';
import { parseArgs } from './cli-args';
import { CORPUS_LABS } from './corpus-labs';
import { englishPosts } from './corpus-examples';
import { outOfFold, predictionsOf } from './cross-validation';
import { readDong, readTweetEval } from './datasets';
import { buildLexicon } from './lexicon-build';
import { TRAINING_CONFIG, trainDomain, trainGeneral } from './train-pipeline';

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const data = args.get('data');
  if (!data)
    throw new Error('usage: train-nlp --data <dir with tweeteval-sentiment/ and dong2014/> [--out file] [--folds 5]');
  const out = resolve(args.get('out') ?? join(__dirname, '..', 'src', 'model', 'nlp-weights.json'));
  const folds = Number(args.get('folds') ?? 5);
  const started = Date.now();
  const log = (msg: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

  const tweets = readTweetEval(data, 'train');
  const dong = readDong(data);
  const corpus = readCorpus(args.get('corpus') ?? CORPUS_DIR, CORPUS_LABS).filter((p) => p.split === 'train');
  log(
    `read ${tweets.length} TweetEval train tweets, ${dong.length} Dong 2014 items, ${corpus.length} AI-lab corpus train posts (${englishPosts(corpus).length} English)`,
  );
  const lexicon = buildLexicon(tweets);
  log(`lexicon: ${lexicon.size} entries from wink-nlp's sentiment lexicon`);
  const matcher = new LabMatcher(DEFAULT_LABS);
  const general = trainGeneral({ tweets, dong }, lexicon, TRAINING_CONFIG);
  log('general models trained (TweetEval, Dong 2014)');

  const oof = outOfFold(corpus, general, lexicon, DEFAULT_LABS, matcher, TRAINING_CONFIG, { folds, rules: ALL_RULES });
  const predictions = predictionsOf(oof);
  const calibration = { sentence: fitCalibration(predictions.sentence), target: fitCalibration(predictions.target) };
  log(`calibration from ${folds}-fold out-of-fold predictions: ${JSON.stringify(calibration)}`);

  const models = trainDomain(corpus, general, lexicon, matcher, TRAINING_CONFIG);
  log('in-domain corrections trained on the whole corpus train split');
  const file = buildWeightsFile(
    { ...models, calibration },
    {
      data: { tweetevalTrain: tweets.length, dongTrain: dong.length, corpusTrainEnglish: englishPosts(corpus).length },
      config: TRAINING_CONFIG,
      calibrationFolds: folds,
    },
  );
  writeFileSync(out, `${JSON.stringify(file)}\n`);
  log(`wrote ${out}: hash ${file.hash}, ${file.sentence.features} + ${file.target.features} features`);
}

main();
