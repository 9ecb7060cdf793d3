import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { IsInstant } from '../common/instant.validator';
import { SeqPageQueryDto } from '../common/seq-page-query.dto';
import { PLATFORM_OR_ALL, PLATFORM_OR_ALL_MESSAGE } from '../common/platform-params';

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
const DECISION =
  '(fire|hold|resolve|pending|ok|suppressed:(min_volume|min_effect|cooldown|coverage|warmup)|no_data|error)';
const DECISION_LIST = new RegExp(`^${DECISION}(,${DECISION}){0,11}$`);
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** GET /v1/alert-evaluations query string. */
export class ListEvaluationsQueryDto extends SeqPageQueryDto {
  @ApiPropertyOptional({ description: 'Rule id' })
  @IsOptional()
  @IsUUID('all', { message: 'rule must be a UUID' })
  rule?: string;

  @ApiPropertyOptional({ description: 'Lab slug' })
  @IsOptional()
  @Matches(SLUG, { message: 'lab must be a lab slug' })
  lab?: string;

  @ApiPropertyOptional({ enum: PLATFORM_OR_ALL })
  @IsOptional()
  @IsIn(PLATFORM_OR_ALL, { message: PLATFORM_OR_ALL_MESSAGE })
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
}
