import { IsIn, IsISO8601, IsOptional, IsString, Matches } from 'class-validator';

export const TREND_INTERVALS = ['5m', 'hour', 'day'] as const;
export type TrendInterval = (typeof TREND_INTERVALS)[number];

const SLUG_LIST = /^[a-z0-9][a-z0-9-]{0,62}(,[a-z0-9][a-z0-9-]{0,62}){0,19}$/;
const PLATFORM_LIST = /^(x|facebook|linkedin)(,(x|facebook|linkedin)){0,2}$/;
const ISO_OPTIONS = { strict: true, strictSeparator: true };

/** GET /v1/trends query string. Cross-field rules (from < to, point cap) live in TrendsService. */
export class TrendsQueryDto {
  @IsString({ message: 'labs must be one comma-separated list of lab slugs' })
  @Matches(SLUG_LIST, { message: 'labs must be 1 to 20 comma-separated lab slugs (a-z, 0-9, -)' })
  labs!: string;

  @IsIn(TREND_INTERVALS, { message: `interval must be one of ${TREND_INTERVALS.join(', ')}` })
  interval!: TrendInterval;

  @IsISO8601(ISO_OPTIONS, { message: 'from must be an ISO 8601 timestamp, e.g. 2026-11-01T00:00:00Z' })
  from!: string;

  @IsISO8601(ISO_OPTIONS, { message: 'to must be an ISO 8601 timestamp, e.g. 2026-11-02T00:00:00Z' })
  to!: string;

  @IsOptional()
  @IsString({ message: 'platforms must be one comma-separated list' })
  @Matches(PLATFORM_LIST, { message: 'platforms must be a comma-separated subset of x, facebook, linkedin' })
  platforms?: string;
}
