import type { TrendCounts } from '@labpulse/persistence';

export interface TrendPoint {
  start: string;
  /** Posts mentioning the lab, scored or not. */
  volume: number;
  positive: number;
  neutral: number;
  negative: number;
  /** Posts in languages the model cannot score: in volume, not in sentiment. */
  unscored: number;
  /** (positive - negative) / scored posts; null when none were scored. */
  netSentiment: number | null;
  /** Mean sentiment score in [-1, 1] over scored posts; null when none were scored. */
  meanSentiment: number | null;
  favor: number;
  against: number;
  stanceNeutral: number;
  /** Mean stance score in [-1, 1] over posts with a stance; null when none had one. */
  meanStance: number | null;
  /** This lab's volume / the volume of all requested labs in the bucket (same platform group); null when that is 0. */
  shareOfVoice: number | null;
  likes: number;
  comments: number;
  shares: number;
}

export interface CoveragePoint {
  start: string;
  /** Platform sources that reported (polled, successfully or not) during the bucket. */
  sources: number;
  /** Of those, the ones with no failed poll during the bucket. */
  healthy: number;
}

export interface TrendSeries {
  lab: string;
  name: string;
  /** The platform, or 'all' when platforms are summed. */
  platform: string;
  points: TrendPoint[];
}

export interface CoverageSeries {
  platform: string;
  points: CoveragePoint[];
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? round(numerator / denominator) : null;
}

export function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** The derived measures of one set of counts (a bucket, or a whole period). */
export function measures(c: TrendCounts) {
  const scored = c.positive + c.neutral + c.negative;
  const withStance = c.favor + c.against + c.stanceNeutral;
  return {
    volume: c.posts,
    positive: c.positive,
    neutral: c.neutral,
    negative: c.negative,
    unscored: c.unscored,
    netSentiment: ratio(c.positive - c.negative, scored),
    meanSentiment: ratio(c.sentimentSum, scored),
    favor: c.favor,
    against: c.against,
    stanceNeutral: c.stanceNeutral,
    meanStance: ratio(c.stanceSum, withStance),
  };
}
