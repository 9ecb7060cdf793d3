import { type LabMatch, LabMatcher, scannedText } from '@labpulse/labs';
import { FeatureVector } from '../features/feature-vector';
import { PostAnalyzer } from '../features/post-analyzer';
import type { TargetRange } from '../features/target-features';
import { detectLanguage } from '../language/language-detector';
import type { NlpModels } from '../model/nlp-models';
import { applyCues } from '../stance/apply-cues';
import { contrastBounded, hasSarcasmMarker, inQuestion, stanceCue } from '../stance/stance-cues';
import type { MentionScore, ScoreInput, ScoreResult, Sentiment, SentimentLabel, Stance, TargetSentiment } from './score-result';

const LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];
const STANCES: readonly Stance[] = ['against', 'neutral', 'favor'];
/** Spans of one lab scored per post; later ones rarely change the verdict. */
const MAX_SPANS = 3;
/** Weight of the clause's own sentiment when a contrast word sets the clause apart. */
const CONTRAST_CLAUSE_WEIGHT = 0.8;
/** Platform codes that say nothing about the language (X: media only, hashtags only, ...). */
const UNKNOWN_LANGUAGES = new Set(['', 'und', 'zxx', 'mul', 'qme', 'qht', 'qam', 'qct', 'qst', 'art']);

export interface Scorer {
  readonly modelVersion: string;
  /** Sentiment of the post and stance toward every lab it names. */
  score(input: ScoreInput): ScoreResult;
  /** Sentiment toward `target` (any text, e.g. "windows 7") as the post speaks of it. */
  scoreTarget(text: string, target: string): TargetSentiment;
}

/** Pure and synchronous; one instance per worker thread (it reuses buffers between calls). */
export class NlpScorer implements Scorer {
  private readonly post: PostAnalyzer;
  private readonly targetVector: FeatureVector;
  private readonly probs = new Float64Array(3);
  private readonly sum = new Float64Array(3);
  private readonly clauseBuf = new Float64Array(3);
  private lastTarget = '';
  private lastTargetRe: RegExp | null = null;

  constructor(
    private readonly matcher: LabMatcher,
    private readonly models: NlpModels,
    readonly modelVersion: string,
  ) {
    this.post = new PostAnalyzer(models.lexicon, models.sentence);
    this.targetVector = new FeatureVector(models.target.bits);
  }

  score(input: ScoreInput): ScoreResult {
    // Matching and scoring read the same bounded prefix, so spans stay valid and a long post costs little.
    const text = scannedText(input.text);
    const { language, scorable } = resolveLanguage(text, input.language);
    const matches = this.matcher.match(text);
    if (!scorable) {
      return {
        scored: false,
        language,
        sentiment: { label: 'neutral', score: 0, confidence: 0 },
        mentions: matches.map((m) => ({ lab: m.lab, stance: 'neutral', score: 0, confidence: 0, evidence: evidenceOf(m) })),
      };
    }
    this.post.load(text);
    const sarcastic = hasSarcasmMarker(text);
    const sentimentProbs = this.probs;
    sentimentProbs.set(this.post.textProbs);
    applyCues(sentimentProbs, null, sarcastic, false);
    const sentiment = toSentiment(sentimentProbs);
    const mentions: MentionScore[] = [];
    for (const m of matches) {
      const spans = m.spans.slice(0, MAX_SPANS);
      const p = this.targetProbs(spans.map((s) => this.post.rangeOf(s.start, s.end)), sarcastic);
      const s = p ? toSentiment(p) : { ...sentiment };
      mentions.push({
        lab: m.lab,
        stance: STANCES[LABELS.indexOf(s.label)],
        score: s.score,
        confidence: round4(s.confidence * m.confidence),
        evidence: evidenceOf(m),
      });
    }
    return { scored: true, language, sentiment, mentions };
  }

  scoreTarget(text: string, target: string): TargetSentiment {
    this.post.load(text);
    const sarcastic = hasSarcasmMarker(text);
    const ranges: Array<TargetRange | null> = [];
    const re = this.targetRegex(target);
    if (re) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null && ranges.length < MAX_SPANS; m = re.exec(text)) {
        ranges.push(this.post.rangeOf(m.index, m.index + m[0].length));
      }
    }
    const p = this.targetProbs(ranges, sarcastic);
    if (p) return { ...toSentiment(p), found: true };
    this.probs.set(this.post.textProbs);
    applyCues(this.probs, null, sarcastic, false);
    return { ...toSentiment(this.probs), found: false };
  }

  /** Mean of the target model's (cue-adjusted) probabilities over the spans; null if none is usable. */
  private targetProbs(ranges: Array<TargetRange | null>, sarcastic: boolean): Float64Array | null {
    const sum = this.sum;
    sum.fill(0);
    let n = 0;
    for (const range of ranges) {
      if (!range) continue;
      this.post.addTargetFeatures(range, this.targetVector);
      const p = this.models.target.predict(this.targetVector, this.probs);
      const tokens = this.post.tokens;
      if (contrastBounded(tokens, range)) {
        // "I love Claude but Gemini keeps crashing": Gemini's clause, not the post, decides.
        this.clauseBuf.set(p);
        this.post.addClauseTargetFeatures(range, this.targetVector);
        const clause = this.models.target.predict(this.targetVector, p);
        for (let c = 0; c < 3; c++) p[c] = (1 - CONTRAST_CLAUSE_WEIGHT) * this.clauseBuf[c] + CONTRAST_CLAUSE_WEIGHT * clause[c];
      }
      applyCues(p, stanceCue(tokens, range), sarcastic, inQuestion(tokens, range));
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
    this.lastTargetRe = words.length ? new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s_-]*')}(?![\\p{L}\\p{N}])`, 'giu') : null;
    return this.lastTargetRe;
  }
}

function resolveLanguage(text: string, declared: string | null | undefined): { language: string; scorable: boolean } {
  const code = (declared ?? '').trim().toLowerCase().split(/[-_]/)[0];
  if (!UNKNOWN_LANGUAGES.has(code)) return { language: code, scorable: code === 'en' };
  return detectLanguage(text);
}

function toSentiment(p: Float64Array): Sentiment {
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
