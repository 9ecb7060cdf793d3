import type { TrendRow } from '@labpulse/persistence';

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
}

const EMPTY = { posts: 0, positive: 0, neutral: 0, negative: 0, unscored: 0, favor: 0, against: 0, stanceNeutral: 0, sentimentSum: 0 };

/** One lab's points for every bucket start, zero-filled so a quiet bucket reads as 0, not as missing. */
export function buildSeries(starts: Date[], rows: TrendRow[]): TrendPoint[] {
  const byStart = new Map(rows.map((row) => [row.bucketStart.getTime(), row]));
  return starts.map((start) => {
    const row = byStart.get(start.getTime()) ?? EMPTY;
    const scored = row.positive + row.neutral + row.negative;
    return {
      start: start.toISOString(),
      volume: row.posts,
      positive: row.positive,
      neutral: row.neutral,
      negative: row.negative,
      unscored: row.unscored,
      netSentiment: scored > 0 ? round((row.positive - row.negative) / scored) : null,
      meanSentiment: scored > 0 ? round(row.sentimentSum / scored) : null,
      favor: row.favor,
      against: row.against,
      stanceNeutral: row.stanceNeutral,
    };
  });
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
