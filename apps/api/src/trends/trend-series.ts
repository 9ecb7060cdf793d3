import { type CoverageRow, type TrendCounts, type TrendRow, ZERO_TREND_COUNTS } from '@labpulse/persistence';

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

export interface SeriesInput {
  labs: Array<{ slug: string; name: string }>;
  /** 'all', or the platforms, in answer order. */
  groups: string[];
  starts: Date[];
  rows: TrendRow[];
  coverage: CoverageRow[];
}

/**
 * One zero-filled series per lab (and platform group) over every bucket start, so a quiet bucket
 * reads as 0, not as missing; share of voice is computed among the requested labs per group.
 */
export function buildSeries(input: SeriesInput): { series: TrendSeries[]; coverage: CoverageSeries[] } {
  const index = new Map<number, number>(input.starts.map((start, i) => [start.getTime(), i]));
  const isoStarts = input.starts.map((start) => start.toISOString());
  const counts = new Map<string, TrendCounts[]>();
  for (const row of input.rows) {
    const i = index.get(row.bucketStart.getTime());
    if (i === undefined) continue;
    const key = `${row.lab}|${row.platform}`;
    let slots = counts.get(key);
    if (!slots) counts.set(key, (slots = new Array<TrendCounts>(input.starts.length).fill(ZERO_TREND_COUNTS)));
    slots[i] = row;
  }
  const totals = new Map<string, number[]>(
    input.groups.map((g) => [g, new Array<number>(input.starts.length).fill(0)]),
  );
  for (const [key, slots] of counts) {
    const group = totals.get(key.slice(key.indexOf('|') + 1));
    if (group) slots.forEach((c, i) => (group[i] += c.posts));
  }
  const series: TrendSeries[] = [];
  for (const lab of input.labs) {
    for (const platform of input.groups) {
      const slots = counts.get(`${lab.slug}|${platform}`);
      const groupTotals = totals.get(platform) as number[];
      const points = isoStarts.map((start, i): TrendPoint => {
        const c = slots?.[i] ?? ZERO_TREND_COUNTS;
        return {
          start,
          ...measures(c),
          shareOfVoice: ratio(c.posts, groupTotals[i]),
          likes: c.likes,
          comments: c.comments,
          shares: c.shares,
        };
      });
      series.push({ lab: lab.slug, name: lab.name, platform, points });
    }
  }
  const coverage = input.groups.map((platform): CoverageSeries => {
    const byStart = new Map(
      input.coverage.filter((r) => r.platform === platform).map((r) => [r.bucketStart.getTime(), r]),
    );
    return {
      platform,
      points: input.starts.map((start, i) => {
        const r = byStart.get(start.getTime());
        return { start: isoStarts[i], sources: r?.sources ?? 0, healthy: r?.healthy ?? 0 };
      }),
    };
  });
  return { series, coverage };
}
