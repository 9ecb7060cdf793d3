import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsObject, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import {
  MAX_POLL_INTERVAL_SECONDS,
  MIN_POLL_INTERVAL_SECONDS,
  NAME_MAX,
  TARGET_MAX,
  sourceOptionsDescription,
} from './source-fields';

const present = (_dto: object, value: unknown): boolean => value !== undefined;

/**
 * PATCH /v1/sources/:id. Absent fields stay; `options` replaces the whole object; `kind` cannot
 * change (it is an unknown field here). An empty body is a valid edit: it re-arms an auth_failed source.
 */
export class UpdateSourceDto {
  @ApiPropertyOptional({ maxLength: NAME_MAX })
  @ValidateIf(present)
  @IsString({ message: 'name must be a string' })
  @Length(1, NAME_MAX, { message: `name must be 1 to ${NAME_MAX} characters` })
  @Matches(/\S/, { message: 'name must not be blank' })
  name?: string;

  @ApiPropertyOptional({ maxLength: TARGET_MAX, description: 'A new target restarts the source from an empty cursor' })
  @ValidateIf(present)
  @IsString({ message: 'target must be a string: the query, page id or organization URN' })
  @Length(1, TARGET_MAX, { message: `target must be 1 to ${TARGET_MAX} characters` })
  @Matches(/\S/, { message: 'target must not be blank' })
  target?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: sourceOptionsDescription('Replaces all options (and restarts the cursor when they change).'),
    example: { pageSize: 100 },
  })
  @ValidateIf(present)
  @IsObject({ message: 'options must be a JSON object' })
  options?: Record<string, unknown>;

  @ApiPropertyOptional({ type: 'integer', minimum: MIN_POLL_INTERVAL_SECONDS, maximum: MAX_POLL_INTERVAL_SECONDS })
  @ValidateIf(present)
  @IsInt({ message: 'pollIntervalSeconds must be an integer' })
  @Min(MIN_POLL_INTERVAL_SECONDS, { message: `pollIntervalSeconds must be at least ${MIN_POLL_INTERVAL_SECONDS}` })
  @Max(MAX_POLL_INTERVAL_SECONDS, {
    message: `pollIntervalSeconds must be at most ${MAX_POLL_INTERVAL_SECONDS} (one day)`,
  })
  pollIntervalSeconds?: number;

  @ApiPropertyOptional()
  @ValidateIf(present)
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}
