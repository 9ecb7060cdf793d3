import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { FORMATS, type Format } from '../common/representation';
import { IsInstant } from '../common/instant.validator';
import { PLATFORM_LIST, PLATFORM_LIST_MESSAGE } from '../common/platform-params';

export const TREND_INTERVALS = ['5m', 'hour', 'day', 'week'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];
export const GROUP_BY = ['lab', 'platform'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/** What `fields` may name: the point measures, and `coverage` for the coverage block. */
export const TREND_FIELDS = [
  'volume',
  'positive',
  'neutral',
  'negative',
  'unscored',
  'netSentiment',
  'meanSentiment',
  'favor',
  'against',
  'stanceNeutral',
  'meanStance',
  'shareOfVoice',
  'likes',
  'comments',
  'shares',
  'coverage',
] as const;
export type TrendField = (typeof TREND_FIELDS)[number];
const FIELD_LIST = new RegExp(
  `^(${TREND_FIELDS.join('|')})(,(${TREND_FIELDS.join('|')})){0,${TREND_FIELDS.length - 1}}$`,
);

export const SLUG_LIST = /^[a-z0-9][a-z0-9-]{0,62}(,[a-z0-9][a-z0-9-]{0,62}){0,19}$/;
// Shape only; whether Postgres knows the zone is checked by the service.
export const TIME_ZONE = /^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/;

/**
 * GET /v1/trends query string. Cross-field rules (from < to, point caps, tz support) live in TrendsService.
 * Optional parameters give their examples in the description: Swagger UI fills "Try it out" with a
 * parameter's example, which would silently filter the answer of someone who filled only the required ones.
 */
export class TrendsQueryDto {
  @ApiProperty({
    description: '1 to 20 comma-separated lab slugs; share of voice is computed among them',
    example: 'openai,anthropic',
  })
  @IsString({ message: 'labs must be one comma-separated list of lab slugs' })
  @Matches(SLUG_LIST, { message: 'labs must be 1 to 20 comma-separated lab slugs (a-z, 0-9, -)' })
  labs!: string;

  @ApiProperty({ enum: TREND_INTERVALS, description: 'Bucket width; week = ISO week starting Monday (in tz)' })
  @IsIn(TREND_INTERVALS, { message: `interval must be one of ${TREND_INTERVALS.join(', ')}` })
  interval!: TrendInterval;

  @ApiProperty({
    description: 'Start (inclusive); floored to the start of its bucket',
    example: '2026-11-01T00:00:00Z',
  })
  @IsInstant()
  from!: string;

  @ApiProperty({ description: 'End (exclusive)', example: '2026-11-08T00:00:00Z' })
  @IsInstant()
  to!: string;

  @ApiPropertyOptional({
    description: 'Comma-separated subset of x, facebook, linkedin, e.g. `x,linkedin`; all when absent',
  })
  @IsOptional()
  @IsString({ message: 'platforms must be one comma-separated list' })
  @Matches(PLATFORM_LIST, { message: PLATFORM_LIST_MESSAGE })
  platforms?: string;

  @ApiPropertyOptional({
    enum: GROUP_BY,
    default: 'lab',
    description: 'platform: one series per lab and platform instead of platforms summed',
  })
  @IsOptional()
  @IsIn(GROUP_BY, { message: `groupBy must be one of ${GROUP_BY.join(', ')}` })
  groupBy?: GroupBy;

  @ApiPropertyOptional({
    description:
      'IANA time zone for day and week buckets (local midnight, DST-aware), e.g. `Europe/Paris`; default UTC',
  })
  @IsOptional()
  @IsString({ message: 'tz must be one IANA time zone name' })
  @Matches(TIME_ZONE, { message: 'tz must be an IANA time zone name such as Europe/Paris' })
  tz?: string;

  @ApiPropertyOptional({
    description: `Only these measures in each point (start is always there), and the coverage block only if \`coverage\` is named, e.g. \`volume,netSentiment,coverage\`; all when absent. One of: ${TREND_FIELDS.join(', ')}`,
  })
  @IsOptional()
  @IsString({ message: 'fields must be one comma-separated list' })
  @Matches(FIELD_LIST, { message: `fields must be a comma-separated subset of ${TREND_FIELDS.join(', ')}` })
  fields?: string;

  @ApiPropertyOptional({ enum: FORMATS, description: 'Overrides the Accept header' })
  @IsOptional()
  @IsIn(FORMATS, { message: `format must be one of ${FORMATS.join(', ')}` })
  format?: Format;
}
