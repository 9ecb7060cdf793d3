import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { ALERT_PAGE_DEFAULT, ALERT_PAGE_MAX } from './seq-cursor';

export const EPISODE_STATUSES = ['pending', 'firing', 'resolved', 'cancelled'] as const;
const STATUS_LIST = /^(pending|firing|resolved|cancelled)(,(pending|firing|resolved|cancelled)){0,3}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const LIMIT_MESSAGE = `limit must be an integer from 1 to ${ALERT_PAGE_MAX}`;

/** GET /v1/alerts query string. */
export class ListAlertsQueryDto {
  @ApiPropertyOptional({ description: `Comma-separated: ${EPISODE_STATUSES.join(', ')}` })
  @IsOptional()
  @Matches(STATUS_LIST, { message: `status must be a comma-separated subset of ${EPISODE_STATUSES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ description: 'Lab slug' })
  @IsOptional()
  @Matches(SLUG, { message: 'lab must be a lab slug' })
  lab?: string;

  @ApiPropertyOptional({ description: 'Rule id' })
  @IsOptional()
  @IsUUID('all', { message: 'rule must be a UUID' })
  rule?: string;

  @ApiPropertyOptional({ enum: ['x', 'linkedin', 'facebook', 'all'] })
  @IsOptional()
  @IsIn(['x', 'linkedin', 'facebook', 'all'], { message: 'platform must be one of x, linkedin, facebook, all' })
  platform?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: ALERT_PAGE_MAX, default: ALERT_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(ALERT_PAGE_MAX, { message: LIMIT_MESSAGE })
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}
