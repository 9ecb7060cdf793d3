import { createHash } from 'node:crypto';
import { FeatureVector } from '../features/feature-vector';
import { PostAnalyzer, sentenceFeatures } from '../features/post-analyzer';
import { encodeLexicon, type Lexicon } from '../model/lexicon';
import type { LinearModel } from '../model/linear-model';
import type { TrainedModels } from '../model/nlp-models';
import type { NlpWeightsFile } from '../model/nlp-weights-file';
import { encodeLinearModel, quantiseModel } from '../model/weights-codec';
import { tokenize, TokenKind } from '../text/tokenizer';
import { type FtrlOptions, type TrainingExample, trainFtrl } from './ftrl-trainer';

export interface TextExample {
  text: string;
  /** 0 negative, 1 neutral, 2 positive. */
  label: number;
  /** Weight in the loss (default 1). */
  weight?: number;
  /** Where the text names labs (the AI-lab models read those words as "<lab>"). */
  labSpans?: Array<[number, number]>;
}

export interface TargetExample extends TextExample {
  /** UTF-16 spans naming the target; the first MAX_TRAINING_SPANS are featurised, sharing the weight. */
  spans: Array<[number, number]>;
  /** UTF-16 spans naming other labs in the same text. */
  others?: Array<[number, number]>;
}

/** As many spans of one target as the scorer reads. */
const MAX_TRAINING_SPANS = 3;

/**
 * Chosen on a 10% hold-out of the TweetEval train split (see docs/evaluation.md); 2^19 buckets since
 * the AI-lab corrections share the hash space (2^18 collided enough to cost TweetEval val ~1 point).
 */
export const SENTENCE_TRAINING: FtrlOptions = {
  bits: 19,
  classes: 3,
  epochs: 5,
  alpha: 0.05,
  beta: 1,
  l1: 4,
  l2: 1,
  seed: 1,
  classWeights: 'balanced',
};

/** Chosen by 5-fold cross-validation on the Dong 2014 train split (L2 4 since the 2^19 hash space). */
export const TARGET_TRAINING: FtrlOptions = {
  bits: 19,
  classes: 3,
  epochs: 10,
  alpha: 0.03,
  beta: 1,
  l1: 1,
  l2: 4,
  seed: 2,
  classWeights: [1.3, 1, 1.3],
};

/** Words, hashtag words, emoji and emoticons seen at least `minCount` times (emoji and emoticons always). */
export function lexiconVocabulary(texts: Iterable<string>, minCount = 2): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const t of tokenize(text)) {
      if (t.kind === TokenKind.Word || t.kind === TokenKind.Emoji || t.kind === TokenKind.Emoticon)
        counts.set(t.norm, (counts.get(t.norm) ?? 0) + 1);
      else if (t.kind === TokenKind.Hashtag) counts.set(t.norm.slice(1), (counts.get(t.norm.slice(1)) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([w, c]) => c >= minCount || !/^\p{L}/u.test(w))
    .map(([w]) => w)
    .sort();
}

export function trainSentenceModel(
  data: readonly TextExample[],
  lexicon: Lexicon,
  options: FtrlOptions = SENTENCE_TRAINING,
): LinearModel {
  return trainFtrl(sentenceExamples(data, lexicon, options.bits, null), options);
}

/** The in-domain correction of `general` (as shipped, quantised): learns what AI-lab posts add to it. */
export function trainSentenceDomain(
  data: readonly TextExample[],
  lexicon: Lexicon,
  general: LinearModel,
  options: FtrlOptions,
): LinearModel {
  if (options.bits !== general.bits) throw new Error('a correction must use the hash size of the model it corrects');
  return trainFtrl(sentenceExamples(data, lexicon, options.bits, general), options);
}

/** With `base`, each example also carries the base model's logits (a correction learns what is left). */
function sentenceExamples(
  data: readonly TextExample[],
  lexicon: Lexicon,
  bits: number,
  base: LinearModel | null,
): TrainingExample[] {
  const fv = new FeatureVector(bits);
  return data.map((d) => {
    sentenceFeatures(d.text, lexicon, fv, base ? (d.labSpans ?? []) : []);
    return {
      ...fv.snapshot(),
      label: d.label,
      weight: d.weight,
      base: base ? base.logits(fv, new Float64Array(base.classes)) : undefined,
    };
  });
}

/** `sentence` should be the model as shipped (quantised), since the target features read its output. */
export function trainTargetModel(
  data: readonly TargetExample[],
  lexicon: Lexicon,
  sentence: LinearModel,
  options: FtrlOptions = TARGET_TRAINING,
): LinearModel {
  if (options.bits !== sentence.bits) throw new Error('the target model must use the sentence model hash size');
  return trainFtrl(
    targetExamples(data, new PostAnalyzer(lexicon, sentence, sentence), false, null, options.bits),
    options,
  );
}

/**
 * The in-domain correction of the target model `general`, learnt on posts that name a lab with the
 * features the scorer computes for them (the sentence model with its own correction folded in).
 */
export function trainTargetDomain(
  data: readonly TargetExample[],
  lexicon: Lexicon,
  sentence: { general: LinearModel; domain: LinearModel },
  general: LinearModel,
  options: FtrlOptions,
): LinearModel {
  if (options.bits !== general.bits) throw new Error('a correction must use the hash size of the model it corrects');
  const post = new PostAnalyzer(lexicon, sentence.general, sentence.general.plus(sentence.domain));
  return trainFtrl(targetExamples(data, post, true, general, options.bits), options);
}

function targetExamples(
  data: readonly TargetExample[],
  post: PostAnalyzer,
  namesLab: boolean,
  base: LinearModel | null,
  bits: number,
): TrainingExample[] {
  const fv = new FeatureVector(bits);
  const out: TrainingExample[] = [];
  for (const d of data) {
    post.load(d.text, namesLab ? (d.labSpans ?? [...d.spans, ...(d.others ?? [])]) : []);
    const ranges = d.spans.slice(0, MAX_TRAINING_SPANS).flatMap(([start, end]) => post.rangeOf(start, end) ?? []);
    const others = (d.others ?? []).flatMap(([start, end]) => post.rangeOf(start, end) ?? []);
    for (const range of ranges) {
      post.addTargetFeatures(range, others, fv);
      const logits = base ? base.logits(fv, new Float64Array(base.classes)) : undefined;
      out.push({ ...fv.snapshot(), label: d.label, weight: (d.weight ?? 1) / ranges.length, base: logits });
    }
  }
  return out;
}

/** The weights file, with its content hash (the same inputs always give the same file). */
export function buildWeightsFile(models: TrainedModels, training: Record<string, unknown>): NlpWeightsFile {
  const body = {
    training,
    lexicon: encodeLexicon(models.lexicon),
    sentence: encodeLinearModel(models.general.sentence),
    target: encodeLinearModel(models.general.target),
    sentenceDomain: encodeLinearModel(models.correction.sentence),
    targetDomain: encodeLinearModel(models.correction.target),
    calibration: models.calibration,
  };
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 12);
  return { format: 2, hash, ...body };
}

export { quantiseModel };
