import { createHash } from 'node:crypto';
import { FeatureVector } from '../features/feature-vector';
import { PostAnalyzer, sentenceFeatures } from '../features/post-analyzer';
import { encodeLexicon, type Lexicon } from '../model/lexicon';
import type { LinearModel } from '../model/linear-model';
import type { NlpModels } from '../model/nlp-models';
import type { NlpWeightsFile } from '../model/nlp-weights-file';
import { encodeLinearModel, quantiseModel } from '../model/weights-codec';
import { tokenize, TokenKind } from '../text/tokenizer';
import { type FtrlOptions, type TrainingExample, trainFtrl } from './ftrl-trainer';

export interface TextExample {
  text: string;
  /** 0 negative, 1 neutral, 2 positive. */
  label: number;
  /** Weight in the loss (default 1): in-domain posts count more than general tweets. */
  weight?: number;
  /** The text names an AI lab, as the scorer's matcher decides (it then gets in-domain features). */
  domain?: boolean;
}

export interface TargetExample extends TextExample {
  /** UTF-16 spans naming the target; the first MAX_TRAINING_SPANS are featurised, sharing the weight. */
  spans: Array<[number, number]>;
  /** UTF-16 spans naming other labs in the same text. */
  others?: Array<[number, number]>;
}

/** As many spans of one target as the scorer reads. */
const MAX_TRAINING_SPANS = 3;

/** Chosen on a 10% hold-out of the TweetEval train split (see docs/evaluation.md). */
export const SENTENCE_TRAINING: FtrlOptions = {
  bits: 18,
  classes: 3,
  epochs: 5,
  alpha: 0.05,
  beta: 1,
  l1: 4,
  l2: 1,
  seed: 1,
  classWeights: 'balanced',
};

/** Chosen by 5-fold cross-validation on the Dong 2014 train split. */
export const TARGET_TRAINING: FtrlOptions = {
  bits: 18,
  classes: 3,
  epochs: 10,
  alpha: 0.03,
  beta: 1,
  l1: 1,
  l2: 1,
  seed: 2,
  classWeights: [1.3, 1, 1.3],
};

/** Words, hashtag words, emoji and emoticons seen at least `minCount` times (emoji and emoticons always). */
export function lexiconVocabulary(texts: Iterable<string>, minCount = 2): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const t of tokenize(text)) {
      if (t.kind === TokenKind.Word || t.kind === TokenKind.Emoji || t.kind === TokenKind.Emoticon) counts.set(t.norm, (counts.get(t.norm) ?? 0) + 1);
      else if (t.kind === TokenKind.Hashtag) counts.set(t.norm.slice(1), (counts.get(t.norm.slice(1)) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([w, c]) => c >= minCount || !/^\p{L}/u.test(w))
    .map(([w]) => w)
    .sort();
}

export function trainSentenceModel(data: readonly TextExample[], lexicon: Lexicon, options: FtrlOptions = SENTENCE_TRAINING): LinearModel {
  const fv = new FeatureVector(options.bits);
  const examples: TrainingExample[] = data.map((d) => {
    sentenceFeatures(d.text, lexicon, fv, d.domain ?? false);
    return { ...fv.snapshot(), label: d.label, weight: d.weight };
  });
  return trainFtrl(examples, options);
}

/** `sentence` should be the model as shipped (quantised), since the target features read its output. */
export function trainTargetModel(data: readonly TargetExample[], lexicon: Lexicon, sentence: LinearModel, options: FtrlOptions = TARGET_TRAINING): LinearModel {
  if (options.bits !== sentence.bits) throw new Error('the target model must use the sentence model hash size');
  return trainFtrl(targetExamples(data, lexicon, sentence), options);
}

export function targetExamples(data: readonly TargetExample[], lexicon: Lexicon, sentence: LinearModel): TrainingExample[] {
  const post = new PostAnalyzer(lexicon, sentence);
  const fv = new FeatureVector(sentence.bits);
  const out: TrainingExample[] = [];
  for (const d of data) {
    post.load(d.text, d.domain ?? false);
    const ranges = d.spans.slice(0, MAX_TRAINING_SPANS).flatMap(([start, end]) => post.rangeOf(start, end) ?? []);
    const others = (d.others ?? []).flatMap(([start, end]) => post.rangeOf(start, end) ?? []);
    for (const range of ranges) {
      post.addTargetFeatures(range, others, fv);
      out.push({ ...fv.snapshot(), label: d.label, weight: (d.weight ?? 1) / ranges.length });
    }
  }
  return out;
}

/** The weights file, with its content hash (the same inputs always give the same file). */
export function buildWeightsFile(
  lexicon: Lexicon,
  sentence: LinearModel,
  target: LinearModel,
  calibration: NlpModels['calibration'],
  training: Record<string, unknown>,
): NlpWeightsFile {
  const body = {
    training,
    lexicon: encodeLexicon(lexicon),
    sentence: encodeLinearModel(sentence),
    target: encodeLinearModel(target),
    calibration,
  };
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 12);
  return { format: 2, hash, ...body };
}

export { quantiseModel };
