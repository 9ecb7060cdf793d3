import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { LabRepository, TrendRepository, type TrendCounts, ZERO_TREND_COUNTS } from '@labpulse/persistence';
import { freshness } from '../caching/freshness';
import { representation } from '../caching/representation';
import type { Rendered } from '../caching/response-cache.service';
import { InvalidParametersException } from '../common/invalid-parameters.exception';
import { parseInstant } from '../common/instant.validator';
import { requireLabs, splitList } from '../common/known-labs';
import { measures, ratio, round } from '../trends/trend-series';
import type { CompareQueryDto } from './compare-query.dto';
import type { CompareLabDto, CompareResponseDto, PeriodChangeDto, PeriodMeasuresDto } from './compare-response.dto';
import { periodSlices } from './period-slices';

const STEP_MS = 300_000;
@Injectable()
export class CompareService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rollups: TrendRepository,
    private readonly labs: LabRepository,
  ) {}

  async query(query: CompareQueryDto): Promise<CompareResponseDto> {
    const slugs = splitList(query.labs);
    const platforms = splitList(query.platforms);
    // Rollups resolve 5 minutes: both ends are floored to that grid, and the answer says so.
    const from = floor(parseInstant(query.from));
    const to = floor(parseInstant(query.to));
    if (from.getTime() >= to.getTime())
      throw InvalidParametersException.single('from', 'from must be at least 5 minutes before to');
    const previousFrom = new Date(2 * from.getTime() - to.getTime());
    const labs = await requireLabs(this.labs, slugs);
    const totals = await this.rollups.totals(slugs, platforms, [
      ...periodSlices('current', from, to),
      ...periodSlices('previous', previousFrom, from),
    ]);
    const find = (period: string, lab: string): TrendCounts =>
      totals.find((t) => t.period === period && t.lab === lab) ?? ZERO_TREND_COUNTS;
    const sum = (period: string) => labs.reduce((n, lab) => n + find(period, lab.slug).posts, 0);
    const all = { current: sum('current'), previous: sum('previous') };
    return {
      current: { from: from.toISOString(), to: to.toISOString() },
      previous: { from: previousFrom.toISOString(), to: from.toISOString() },
      platforms: platforms.length > 0 ? platforms : 'all',
      closed: freshness(to, Date.now(), this.config.api.cacheSeconds).closed,
      labs: labs.map((lab): CompareLabDto => {
        const current = periodMeasures(find('current', lab.slug), all.current);
        const previous = periodMeasures(find('previous', lab.slug), all.previous);
        return { lab: lab.slug, name: lab.name, current, previous, change: change(current, previous) };
      }),
    };
  }

  async render(query: CompareQueryDto): Promise<Rendered> {
    const answer = await this.query(query);
    const policy = freshness(new Date(answer.current.to), Date.now(), this.config.api.cacheSeconds);
    return {
      representation: representation(JSON.stringify(answer), 'application/json; charset=utf-8', policy.cacheControl),
      ttlMs: policy.ttlMs,
    };
  }
}

function floor(at: Date): Date {
  return new Date(Math.floor(at.getTime() / STEP_MS) * STEP_MS);
}

function periodMeasures(c: TrendCounts, allLabs: number): PeriodMeasuresDto {
  return {
    ...measures(c),
    shareOfVoice: ratio(c.posts, allLabs),
    likes: c.likes,
    comments: c.comments,
    shares: c.shares,
  };
}

function delta(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : round(current - previous);
}

function change(current: PeriodMeasuresDto, previous: PeriodMeasuresDto): PeriodChangeDto {
  return {
    volume: current.volume - previous.volume,
    volumePercent:
      previous.volume > 0 ? Math.round(((current.volume - previous.volume) / previous.volume) * 10_000) / 100 : null,
    netSentiment: delta(current.netSentiment, previous.netSentiment),
    meanSentiment: delta(current.meanSentiment, previous.meanSentiment),
    meanStance: delta(current.meanStance, previous.meanStance),
    shareOfVoice: delta(current.shareOfVoice, previous.shareOfVoice),
  };
}
