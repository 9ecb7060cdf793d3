import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { LabRepository, TrendCoverageRepository, TrendRepository } from '@labpulse/persistence';
import { bucketRangeUtc, type BucketSize } from '@labpulse/timeseries';
import { freshness } from '../caching/freshness';
import { representation } from '../caching/representation';
import type { Rendered } from '../caching/response-cache.service';
import { CSV_CONTENT_TYPE } from '../common/csv';
import { InvalidParametersException } from '../common/invalid-parameters.exception';
import { parseInstant } from '../common/instant.validator';
import { requireLabs, splitList } from '../common/known-labs';
import type { Format } from '../common/representation';
import { NOMINAL_MS, planBuckets } from './bucket-plan';
import { emptyMatrix, fillRows, type Measure } from './trend-matrix';
import { type TrendsAnswer, trendsCsv, trendsJson } from './trend-render';
import { TrendBlocks } from './trend-blocks.service';
import { TREND_FIELDS, type TrendField, type TrendsQueryDto } from './trends-query.dto';
import { TimeZones } from './time-zones.service';
import { PLATFORMS } from '@labpulse/connectors';

/** The most points one series may hold; a longer range needs a coarser interval. */
export const MAX_POINTS_PER_SERIES = 2_000;
/** The most points one answer may hold (series x buckets). */
export const MAX_POINTS_PER_RESPONSE = 20_000;

// Points past which rendering hands the event loop back between its steps (see render).
const LARGE_ANSWER_POINTS = 2_000;
const UTC_SIZE: Record<'5m' | 'hour' | 'day', BucketSize> = { '5m': '5m', hour: '1h', day: '1d' };

@Injectable()
export class TrendsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly rollups: TrendRepository,
    private readonly coverage: TrendCoverageRepository,
    private readonly labs: LabRepository,
    private readonly zones: TimeZones,
    private readonly blocks: TrendBlocks,
  ) {}

  async query(query: TrendsQueryDto): Promise<TrendsAnswer> {
    const slugs = splitList(query.labs);
    const platforms = splitList(query.platforms);
    const groupBy = query.groupBy ?? 'lab';
    const groups = groupBy === 'platform' ? (platforms.length > 0 ? platforms : [...PLATFORMS]) : ['all'];
    const tz = query.tz ?? 'UTC';
    const requestedFrom = parseInstant(query.from);
    const to = parseInstant(query.to);
    if (requestedFrom.getTime() >= to.getTime())
      throw InvalidParametersException.single('from', 'from must be before to');
    // A nominal estimate first, so a huge range is refused before any work; exact count below.
    this.checkPointCaps(
      Math.ceil((to.getTime() - requestedFrom.getTime()) / NOMINAL_MS[query.interval]),
      slugs.length * groups.length,
      query.interval,
    );
    if (tz !== 'UTC' && !(await this.zones.isKnown(tz))) {
      throw InvalidParametersException.single(
        'tz',
        `tz must be an IANA time zone name (e.g. Europe/Paris); ${tz} is not one`,
      );
    }
    const plan = planBuckets(query.interval, tz, await this.zones.profile(tz, requestedFrom, to));
    if (typeof plan === 'string') throw InvalidParametersException.single('tz', plan);
    if (plan.maxSpanMs !== undefined && to.getTime() - requestedFrom.getTime() > plan.maxSpanMs) {
      throw InvalidParametersException.single(
        'tz',
        `with tz=${tz}, ${query.interval} buckets are regrouped from finer rollups: at most ${plan.maxSpanMs / 86_400_000} days per request`,
      );
    }
    const labs = await requireLabs(this.labs, slugs);
    const starts = plan.derive
      ? await this.rollups.localBucketStarts(plan.derive, requestedFrom, to)
      : bucketRangeUtc(requestedFrom, to, UTC_SIZE[plan.read]);
    this.checkPointCaps(starts.length, labs.length * groups.length, query.interval);
    const from = starts[0];
    const byPlatform = groupBy === 'platform';
    const fields = query.fields ? (splitList(query.fields) as TrendField[]) : null;
    const withCoverage = !fields || fields.includes('coverage');
    const matrix = emptyMatrix(labs, groups, starts);
    if (plan.derive) {
      // Local buckets regrouped for a time zone: read for this answer alone.
      const [rows, coverage] = await Promise.all([
        this.rollups.query({ labs: slugs, width: plan.read, from, to, platforms, derive: plan.derive, byPlatform }),
        withCoverage
          ? this.coverage.coverage({ width: plan.read, from, to, platforms, derive: plan.derive, byPlatform })
          : [],
      ]);
      fillRows(matrix, rows, coverage);
    } else {
      await this.blocks.fill(matrix, { width: plan.read, platforms, byPlatform, withCoverage });
    }
    const named: readonly TrendField[] = fields ?? TREND_FIELDS;
    return {
      head: {
        interval: query.interval,
        tz,
        from: from.toISOString(),
        to: to.toISOString(),
        platforms: platforms.length > 0 ? platforms : 'all',
        groupBy,
        closed: freshness(to, Date.now(), this.config.api.cacheSeconds).closed,
        fields: named.filter((f): f is Measure => f !== 'coverage'),
      },
      matrix,
      withCoverage,
    };
  }

  /**
   * The answer rendered in a format, with its cache policy. A large answer (up to 20,000 points,
   * ~5 MB) takes tens of milliseconds at each step (series, serialisation, ETag hash): the event loop
   * is handed back between them, so other requests (and /health) are not held for all of them at once.
   */
  async render(query: TrendsQueryDto, format: Format): Promise<Rendered> {
    const answer = await this.query(query);
    const large = answer.matrix.series.length * answer.matrix.starts.length > LARGE_ANSWER_POINTS;
    if (large) await yieldToEventLoop();
    const policy = freshness(new Date(answer.head.to), Date.now(), this.config.api.cacheSeconds);
    const body = format === 'csv' ? trendsCsv(answer) : trendsJson(answer);
    if (large) await yieldToEventLoop();
    const rep =
      format === 'csv'
        ? representation(body, CSV_CONTENT_TYPE, policy.cacheControl, {
            'Content-Disposition': 'attachment; filename="trends.csv"',
          })
        : representation(body, 'application/json; charset=utf-8', policy.cacheControl);
    return { representation: rep, ttlMs: policy.ttlMs };
  }

  private checkPointCaps(pointsPerSeries: number, seriesCount: number, interval: string): void {
    if (pointsPerSeries > MAX_POINTS_PER_SERIES) {
      throw InvalidParametersException.single(
        'interval',
        `the range holds ${pointsPerSeries} ${interval} buckets; at most ${MAX_POINTS_PER_SERIES} per series (use a coarser interval or a shorter range)`,
      );
    }
    if (pointsPerSeries * seriesCount > MAX_POINTS_PER_RESPONSE) {
      throw InvalidParametersException.single(
        'interval',
        `the answer would hold ${pointsPerSeries * seriesCount} points (${seriesCount} series x ${pointsPerSeries}); at most ${MAX_POINTS_PER_RESPONSE} per response (fewer labs, a coarser interval or a shorter range)`,
      );
    }
  }
}
