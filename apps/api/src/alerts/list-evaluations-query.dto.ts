import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';
import { IsInstant } from '../common/instant.validator';
import { ALERT_PAGE_DEFAULT, ALERT_PAGE_MAX } from './seq-cursor';

export const DECISIONS = [
  'fire',
  'hold',
  'resolve',
  'pending',
  'ok',
  'suppressed:min_volume',
  'suppressed:min_effect',
  'suppressed:cooldown',
  'suppressed:coverage',
  'suppressed:warmup',
  'no_data',
  'error',
] as const;
const DECISION = '(fire|hold|resolve|pending|ok|suppressed:(min_volume|min_effect|cooldown|coverage|warmup)|no_data|error)';
const DECISION_LIST = new RegExp(`^${DECISION}(,${DECISION}){0,11}$`);
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const LIMIT_MESSAGE = `limit must be an integer from 1 to ${ALERT_PAGE_MAX}`;

/** GET /v1/alert-evaluations query string. */
export class ListEvaluationsQueryDto {
  @ApiPropertyOptional({ description: 'Rule id' })
  @IsOptional()
  @IsUUID('all', { message: 'rule must be a UUID' })
  rule?: string;

  @ApiPropertyOptional({ description: 'Lab slug' })
  @IsOptional()
  @Matches(SLUG, { message: 'lab must be a lab slug' })
  lab?: string;

  @ApiPropertyOptional({ enum: ['x', 'linkedin', 'facebook', 'all'] })
  @IsOptional()
  @IsIn(['x', 'linkedin', 'facebook', 'all'], { message: 'platform must be one of x, linkedin, facebook, all' })
  platform?: string;

  @ApiPropertyOptional({ description: 'Alert (episode) id' })
  @IsOptional()
  @IsUUID('all', { message: 'alert must be a UUID' })
  alert?: string;

  @ApiPropertyOptional({ description: `Comma-separated: ${DECISIONS.join(', ')}` })
  @IsOptional()
  @Matches(DECISION_LIST, { message: `decision must be a comma-separated subset of ${DECISIONS.join(', ')}` })
  decision?: string;

  @ApiPropertyOptional({ description: 'Evaluated buckets starting at or after this instant' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Evaluated buckets starting before this instant' })
  @IsOptional()
  @IsInstant()
  to?: string;

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
