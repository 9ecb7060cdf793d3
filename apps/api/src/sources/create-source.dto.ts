import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsObject, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { PLATFORM_SOURCE_KINDS, type PlatformSourceKind } from '@labpulse/connectors';
import {
  DEFAULT_POLL_INTERVAL_SECONDS,
  MAX_POLL_INTERVAL_SECONDS,
  MIN_POLL_INTERVAL_SECONDS,
  NAME_MAX,
  TARGET_MAX,
  sourceOptionsDescription,
} from './source-fields';

// Optional, but null is not "absent": it fails the type check and is reported by name.
const present = (_dto: object, value: unknown): boolean => value !== undefined;

/** POST /v1/sources. Target and options are checked per kind by the connectors in SourcesService. */
export class CreateSourceDto {
  @ApiProperty({ enum: PLATFORM_SOURCE_KINDS })
  // `import` reads a file path on the worker host, so only the CLI may create one.
  @IsIn(PLATFORM_SOURCE_KINDS, {
    message: `kind must be one of ${PLATFORM_SOURCE_KINDS.join(', ')} (import sources are created only by the CLI's import command)`,
  })
  kind!: PlatformSourceKind;

  @ApiProperty({ maxLength: NAME_MAX, example: 'OpenAI on X' })
  @IsString({ message: 'name must be a string' })
  @Length(1, NAME_MAX, { message: `name must be 1 to ${NAME_MAX} characters` })
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({
    maxLength: TARGET_MAX,
    description: 'x_search: the search query; facebook_page: the Page id; linkedin_org: urn:li:organization:<id>',
    example: 'OpenAI lang:en -is:retweet',
  })
  @IsString({ message: 'target must be a string: the query, page id or organization URN' })
  @Length(1, TARGET_MAX, { message: `target must be 1 to ${TARGET_MAX} characters` })
  @Matches(/\S/, { message: 'target must not be blank' })
  target!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: sourceOptionsDescription('Options of the kind, all optional.'),
    example: { pageSize: 100 },
  })
  @ValidateIf(present)
  @IsObject({ message: 'options must be a JSON object' })
  options?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: MIN_POLL_INTERVAL_SECONDS,
    maximum: MAX_POLL_INTERVAL_SECONDS,
    default: DEFAULT_POLL_INTERVAL_SECONDS,
  })
  @ValidateIf(present)
  @IsInt({ message: 'pollIntervalSeconds must be an integer' })
  @Min(MIN_POLL_INTERVAL_SECONDS, { message: `pollIntervalSeconds must be at least ${MIN_POLL_INTERVAL_SECONDS}` })
  @Max(MAX_POLL_INTERVAL_SECONDS, {
    message: `pollIntervalSeconds must be at most ${MAX_POLL_INTERVAL_SECONDS} (one day)`,
  })
  pollIntervalSeconds?: number;

  @ApiPropertyOptional({ default: true })
  @ValidateIf(present)
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}
