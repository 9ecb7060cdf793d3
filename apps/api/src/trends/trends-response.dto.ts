import { ApiProperty } from '@nestjs/swagger';
import {
  GROUP_BY,
  type GroupBy,
  TREND_FIELDS,
  type TrendField,
  TREND_INTERVALS,
  type TrendInterval,
} from './trends-query.dto';
import type { CoveragePoint, CoverageSeries, TrendPoint, TrendSeries } from './trend-series';

const NULLABLE_RATIO = { type: Number, nullable: true } as const;

export class TrendPointDto implements TrendPoint {
  @ApiProperty({ description: 'Bucket start, ISO 8601 UTC', example: '2026-11-01T00:00:00.000Z' }) start!: string;
  @ApiProperty({ description: 'Posts mentioning the lab, scored or not' }) volume!: number;
  @ApiProperty() positive!: number;
  @ApiProperty() neutral!: number;
  @ApiProperty() negative!: number;
  @ApiProperty({ description: 'Posts in languages the model cannot score (in volume, not in sentiment)' })
  unscored!: number;
  @ApiProperty({ ...NULLABLE_RATIO, description: '(positive - negative) / scored posts' }) netSentiment!: number | null;
  @ApiProperty({ ...NULLABLE_RATIO, description: 'Mean sentiment score in [-1, 1] over scored posts' }) meanSentiment!:
    number | null;
  @ApiProperty({ description: 'Mentions whose stance toward the lab is favourable' }) favor!: number;
  @ApiProperty() against!: number;
  @ApiProperty() stanceNeutral!: number;
  @ApiProperty({ ...NULLABLE_RATIO, description: 'Mean stance score in [-1, 1] over mentions with a stance' })
  meanStance!: number | null;
  @ApiProperty({
    ...NULLABLE_RATIO,
    description: "This lab's volume / all requested labs' volume in the bucket and platform group",
  })
  shareOfVoice!: number | null;
  @ApiProperty({ description: 'Sum over the posts' }) likes!: number;
  @ApiProperty() comments!: number;
  @ApiProperty() shares!: number;
}

export class TrendSeriesDto implements TrendSeries {
  @ApiProperty({ example: 'openai' }) lab!: string;
  @ApiProperty({ example: 'OpenAI' }) name!: string;
  @ApiProperty({ example: 'all', description: "The platform, or 'all' when platforms are summed" }) platform!: string;
  @ApiProperty({ type: [TrendPointDto] }) points!: TrendPointDto[];
}

export class CoveragePointDto implements CoveragePoint {
  @ApiProperty() start!: string;
  @ApiProperty({ description: 'Platform sources that polled (successfully or not) during the bucket' })
  sources!: number;
  @ApiProperty({ description: 'Of those, the ones with no failed poll during the bucket' }) healthy!: number;
}

export class CoverageSeriesDto implements CoverageSeries {
  @ApiProperty({ example: 'all' }) platform!: string;
  @ApiProperty({ type: [CoveragePointDto] }) points!: CoveragePointDto[];
}

export class TrendsResponseDto {
  @ApiProperty({ enum: TREND_INTERVALS }) interval!: TrendInterval;
  @ApiProperty({ example: 'UTC' }) tz!: string;
  @ApiProperty({ description: 'First bucket start (from, floored to its bucket)' }) from!: string;
  @ApiProperty() to!: string;
  @ApiProperty({
    oneOf: [
      { type: 'array', items: { type: 'string' } },
      { type: 'string', enum: ['all'] },
    ],
  })
  platforms!: string[] | 'all';
  @ApiProperty({ enum: GROUP_BY }) groupBy!: GroupBy;
  @ApiProperty({ description: 'Every bucket has closed (ended more than 15 minutes ago); such answers are cacheable' })
  closed!: boolean;
  @ApiProperty({
    enum: TREND_FIELDS.filter((f) => f !== 'coverage'),
    isArray: true,
    description: 'The measures each point carries (all, unless `fields` chose some)',
  })
  fields!: Array<Exclude<TrendField, 'coverage'>>;
  @ApiProperty({ type: [TrendSeriesDto] }) series!: TrendSeriesDto[];
  @ApiProperty({
    type: [CoverageSeriesDto],
    required: false,
    description: 'Collector health per bucket, per platform group; absent when `fields` does not name coverage',
  })
  coverage?: CoverageSeriesDto[];
}
