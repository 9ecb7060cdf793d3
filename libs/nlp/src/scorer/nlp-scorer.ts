import { type LabMatch, LabMatcher, scannedText } from '@labpulse/labs';
import { FeatureVector } from '../features/feature-vector';
import { PostAnalyzer } from '../features/post-analyzer';
import type { TargetRange } from '../features/target-features';
import { detectLanguage } from '../language/language-detector';
import { calibrate, IDENTITY_CALIBRATION } from '../model/calibration';
import type { LinearModel } from '../model/linear-model';
import type { NlpModels } from '../model/nlp-models';
import { applyCues } from '../stance/apply-cues';
import { hasSarcasmMarker, stanceCue } from '../stance/stance-cues';
import type {
  MentionScore,
  ScoreInput,
  ScoreResult,
  Sentiment,
  SentimentLabel,
  Stance,
  TargetSentiment,
} from './score-result';

const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];
const STANCES: readonly Stance[] = ['against', 'neutral', 'favor'];
/** Spans of one lab scored per post; later ones rarely change the verdict. */
const MAX_SPANS = 3;
/** Platform codes that say nothing about the language (X: media only, hashtags only, ...). */
const NO_RANGES: readonly TargetRange[] = [];
const NO_SPANS: ReadonlyArray<[number, number]> = [];
const NO_CALIBRATION = { sentence: IDENTITY_CALIBRATION, target: IDENTITY_CALIBRATION };
const UNKNOWN_LANGUAGES = new Set(['', 'und', 'zxx', 'mul', 'qme', 'qht', 'qam', 'qct', 'qst', 'art']);

/** The hand-written rules applied on top of the models; all on in production (ablations turn some off). */
export interface ScoringRules {
  /** Comparison, cost, switching and preference wording fixes a target's stance. */
  stanceCues: boolean;
  /** "/s", "#sarcasm", "yeah right", 🙄 swap the polar classes of a positive reading. */
  sarcasmMarkers: boolean;
}

export const ALL_RULES: ScoringRules = { stanceCues: true, sarcasmMarkers: true };

/** Class probabilities [negative/against, neutral, positive/favor] of a post and of each lab it names. */
export interface PostAnalysis {
  language: string;
  scorable: boolean;
  /** The post names a lab: the in-domain corrections and the calibration apply. */
  domain: boolean;
  sentiment: number[];
  /** `probs` is null when no span of the lab could be read (the post's sentiment stands in). */
  mentions: Array<{ match: LabMatch; probs: number[] | null }>;
}

export interface Scorer {
  readonly modelVersion: string;
  /** Sentiment of the post and stance toward every lab it names. */
  score(input: ScoreInput): ScoreResult;
  /** The probabilities `score` decides on (training and evaluation calibrate on these). */
  analyse(input: ScoreInput): PostAnalysis;
  /** Sentiment toward `target` (any text, e.g. "windows 7") as the post speaks of it. */
  scoreTarget(text: string, target: string): TargetSentiment;
}

/** Pure and synchronous; one instance per worker thread (it reuses buffers between calls). */
export class NlpScorer implements Scorer {
  private readonly post: PostAnalyzer;
  private readonly targetVector: FeatureVector;
  private readonly probs = new Float64Array(3);
  private readonly sum = new Float64Array(3);
  /** The target model for the loaded post (the AI-lab one when it names a lab). */
  private target: LinearModel;
  private lastTarget = '';
  private lastTargetRe: RegExp | null = null;

  constructor(
    private readonly matcher: LabMatcher,
    private readonly models: NlpModels,
    readonly modelVersion: string,
    private readonly rules: ScoringRules = ALL_RULES,
  ) {
    this.post = new PostAnalyzer(models.lexicon, models.general.sentence, models.lab.sentence);
    this.targetVector = new FeatureVector(models.general.target.bits);
    this.target = models.general.target;
  }

  score(input: ScoreInput): ScoreResult {
    return decide(this.analyse(input), this.models.calibration);
  }

  /**
   * The models' class probabilities (after the rules, before calibration) for the post and each lab
   * it names: what `score` decides on, and what training calibrates.
   */
  analyse(input: ScoreInput): PostAnalysis {
    // Matching and scoring read the same bounded prefix, so spans stay valid and a long post costs little.
    const text = scannedText(input.text);
    const { language, scorable } = resolveLanguage(text, input.language);
    const matches = this.matcher.match(text);
    const domain = matches.length > 0;
    if (!scorable)
      return {
        language,
        scorable,
        domain,
        sentiment: [1 / 3, 1 / 3, 1 / 3],
        mentions: matches.map((match) => ({ match, probs: null })),
      };
    this.post.load(
      text,
      matches.flatMap((m) => m.spans.map((s): [number, number] => [s.start, s.end])),
    );
    this.target = domain ? this.models.lab.target : this.models.general.target;
    const sarcastic = this.rules.sarcasmMarkers && hasSarcasmMarker(text);
    const sentiment = this.probs;
    sentiment.set(this.post.textProbs);
    applyCues(sentiment, null, sarcastic);
    const sentimentProbs = [sentiment[0], sentiment[1], sentiment[2]];
    const rangesByLab = matches.map((m) => m.spans.slice(0, MAX_SPANS).map((s) => this.post.rangeOf(s.start, s.end)));
    const mentions = matches.map((match, i) => {
      const others =
        matches.length > 1 ? rangesByLab.flatMap((r, j) => (j === i ? [] : r.filter((x) => x !== null))) : NO_RANGES;
      const p = this.targetProbs(rangesByLab[i], others, sarcastic);
      return { match, probs: p ? [p[0], p[1], p[2]] : null };
    });
    return { language, scorable, domain, sentiment: sentimentProbs, mentions };
  }

  scoreTarget(text: string, target: string): TargetSentiment {
    // Any target, not only a lab: the general models read it (the AI-lab ones learnt stance toward labs).
    this.post.load(text, NO_SPANS);
    this.target = this.models.general.target;
    const calibration = NO_CALIBRATION;
    const sarcastic = this.rules.sarcasmMarkers && hasSarcasmMarker(text);
    const ranges: Array<TargetRange | null> = [];
    const re = this.targetRegex(target);
    if (re) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null && ranges.length < MAX_SPANS; m = re.exec(text)) {
        ranges.push(this.post.rangeOf(m.index, m.index + m[0].length));
      }
    }
    const p = this.targetProbs(ranges, NO_RANGES, sarcastic);
    if (p) return { ...toSentiment(calibrate([p[0], p[1], p[2]], calibration.target)), found: true };
    this.probs.set(this.post.textProbs);
    applyCues(this.probs, null, sarcastic);
    return {
      ...toSentiment(calibrate([this.probs[0], this.probs[1], this.probs[2]], calibration.sentence)),
      found: false,
    };
  }

  /** Mean of the target model's (cue-adjusted) probabilities over the spans; null if none is usable. */
  private targetProbs(
    ranges: Array<TargetRange | null>,
    others: readonly TargetRange[],
    sarcastic: boolean,
  ): Float64Array | null {
    const sum = this.sum;
    sum.fill(0);
    let n = 0;
    for (const range of ranges) {
      if (!range) continue;
      this.post.addTargetFeatures(range, others, this.targetVector);
      const p = this.target.predict(this.targetVector, this.probs);
      applyCues(p, this.rules.stanceCues ? stanceCue(this.post.tokens, range) : null, sarcastic);
      for (let c = 0; c < 3; c++) sum[c] += p[c];
      n++;
    }
    if (n === 0) return null;
    for (let c = 0; c < 3; c++) sum[c] /= n;
    return sum;
  }

  private targetRegex(target: string): RegExp | null {
    if (target === this.lastTarget) return this.lastTargetRe;
    const words = target.trim().split(/\s+/).filter(Boolean).map(escapeRegExp);
    this.lastTarget = target;
    // "windows 7" also finds "Windows-7" and "windows7"; boundaries keep "apple" out of "pineapple".
    this.lastTargetRe = words.length
      ? new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s_-]*')}(?![\\p{L}\\p{N}])`, 'giu')
      : null;
    return this.lastTargetRe;
  }
}

/** The labels, scores and confidences an analysis yields under a calibration (the models' or a candidate's). */
export function decide(a: PostAnalysis, calibration: NlpModels['calibration']): ScoreResult {
  if (!a.scorable) {
    return {
      scored: false,
      language: a.language,
      sentiment: { label: 'neutral', score: 0, confidence: 0 },
      mentions: a.mentions.map(({ match }) => ({
        lab: match.lab,
        stance: 'neutral',
        score: 0,
        confidence: 0,
        evidence: evidenceOf(match),
      })),
    };
  }
  // The calibration was fitted on posts that name a lab; the general models' outputs stand as they are.
  const cal = a.domain ? calibration : NO_CALIBRATION;
  const sentiment = toSentiment(calibrate([...a.sentiment], cal.sentence));
  const mentions: MentionScore[] = a.mentions.map(({ match, probs }) => {
    const s = probs ? toSentiment(calibrate([...probs], cal.target)) : sentiment;
    return {
      lab: match.lab,
      stance: STANCES[LABELS.indexOf(s.label)],
      score: s.score,
      confidence: round4(s.confidence * match.confidence),
      evidence: evidenceOf(match),
    };
  });
  return { scored: true, language: a.language, sentiment, mentions };
}

function resolveLanguage(text: string, declared: string | null | undefined): { language: string; scorable: boolean } {
  const code = (declared ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (!UNKNOWN_LANGUAGES.has(code)) return { language: code, scorable: code === 'en' };
  return detectLanguage(text);
}

function toSentiment(p: ArrayLike<number>): Sentiment {
  let best = 0;
  for (let c = 1; c < 3; c++) if (p[c] > p[best]) best = c;
  return { label: LABELS[best], score: round4(p[2] - p[0]), confidence: round4(p[best]) };
}

function evidenceOf(m: LabMatch): { start: number; end: number; text: string } {
  const s = m.spans[0];
  return { start: s.start, end: s.end, text: s.text };
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
