import { Injectable, NotFoundException } from '@nestjs/common';
import { LabRepository, TrendRepository, type BucketWidth } from '@labpulse/persistence';
import { type BucketSize, bucketRangeUtc, floorUtc, BUCKET_MS } from '@labpulse/trends';
import { InvalidParametersException } from '../common/invalid-parameters.exception';
import { buildSeries, type TrendPoint } from './trend-series';
import type { TrendInterval, TrendsQueryDto } from './trends-query.dto';

/** The most points one series may hold; a longer range needs a coarser interval. */
export const MAX_POINTS_PER_SERIES = 2_000;

const WIDTH: Record<TrendInterval, { stored: BucketWidth; size: BucketSize }> = {
  '5m': { stored: '5m', size: '5m' },
  hour: { stored: 'hour', size: '1h' },
  day: { stored: 'day', size: '1d' },
};

export interface TrendsResponse {
  interval: TrendInterval;
  from: string;
  to: string;
  platforms: string[] | 'all';
  series: Array<{ lab: string; name: string; points: TrendPoint[] }>;
}

@Injectable()
export class TrendsService {
  constructor(
    private readonly rollups: TrendRepository,
    private readonly labs: LabRepository,
  ) {}

  async query(query: TrendsQueryDto): Promise<TrendsResponse> {
    const slugs = [...new Set(query.labs.split(','))];
    const platforms = query.platforms ? [...new Set(query.platforms.split(','))] : [];
    const width = WIDTH[query.interval];
    const to = new Date(query.to);
    const from = floorUtc(new Date(query.from), width.size);
    if (from.getTime() >= to.getTime()) throw InvalidParametersException.single('from', 'from must be before to');
    const points = Math.ceil((to.getTime() - from.getTime()) / BUCKET_MS[width.size]);
    if (points > MAX_POINTS_PER_SERIES) {
      throw InvalidParametersException.single(
        'interval',
        `the range holds ${points} ${query.interval} buckets; at most ${MAX_POINTS_PER_SERIES} per series (use a coarser interval or a shorter range)`,
      );
    }
    const known = await this.labs.findBySlugs(slugs);
    const missing = slugs.filter((slug) => !known.some((lab) => lab.slug === slug));
    if (missing.length > 0) throw new NotFoundException(`unknown lab: ${missing.join(', ')}`);
    const rows = await this.rollups.query({ labs: slugs, width: width.stored, from, to, platforms });
    const starts = bucketRangeUtc(from, to, width.size);
    const names = new Map(known.map((lab) => [lab.slug, lab.name]));
    return {
      interval: query.interval,
      from: from.toISOString(),
      to: to.toISOString(),
      platforms: platforms.length > 0 ? platforms : 'all',
      series: slugs.map((slug) => ({
        lab: slug,
        name: names.get(slug) ?? slug,
        points: buildSeries(starts, rows.filter((row) => row.lab === slug)),
      })),
    };
  }
}
