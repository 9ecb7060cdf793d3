import { toCsv } from '../common/csv';
import type { TrendsResponseDto } from './trends-response.dto';

// snake_case column per measure, in answer order.
const COLUMN: Record<string, string> = {
  volume: 'volume',
  positive: 'positive',
  neutral: 'neutral',
  negative: 'negative',
  unscored: 'unscored',
  netSentiment: 'net_sentiment',
  meanSentiment: 'mean_sentiment',
  favor: 'favor',
  against: 'against',
  stanceNeutral: 'stance_neutral',
  meanStance: 'mean_stance',
  shareOfVoice: 'share_of_voice',
  likes: 'likes',
  comments: 'comments',
  shares: 'shares',
};

/** One row per lab, platform group and bucket, with that group's collector coverage (when asked for). */
export function trendsCsv(answer: TrendsResponseDto): string {
  const coverage = answer.coverage ? new Map(answer.coverage.map((c) => [c.platform, c.points])) : null;
  const header = [
    'lab',
    'platform',
    'start',
    ...answer.fields.map((f) => COLUMN[f]),
    ...(coverage ? ['sources', 'healthy_sources'] : []),
  ];
  const rows = answer.series.flatMap((s) => {
    const cov = coverage?.get(s.platform) ?? [];
    return s.points.map((p, i) => [
      s.lab,
      s.platform,
      p.start,
      ...answer.fields.map((f) => p[f]),
      ...(coverage ? [cov[i]?.sources, cov[i]?.healthy] : []),
    ]);
  });
  return toCsv(header, rows);
}
