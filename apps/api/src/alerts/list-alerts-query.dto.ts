import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { SeqPageQueryDto } from '../common/seq-page-query.dto';
import { PLATFORM_OR_ALL, PLATFORM_OR_ALL_MESSAGE } from '../common/platform-params';

export const EPISODE_STATUSES = ['pending', 'firing', 'resolved', 'cancelled'] as const;
const STATUS_LIST = /^(pending|firing|resolved|cancelled)(,(pending|firing|resolved|cancelled)){0,3}$/;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** GET /v1/alerts query string. */
export class ListAlertsQueryDto extends SeqPageQueryDto {
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

  @ApiPropertyOptional({ enum: PLATFORM_OR_ALL })
  @IsOptional()
  @IsIn(PLATFORM_OR_ALL, { message: PLATFORM_OR_ALL_MESSAGE })
  platform?: string;
}
