import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { POST_SORTS, type PostSort } from '@labpulse/persistence';
import { IsInstant } from '../common/instant.validator';
import { IsIntInRange } from '../common/int-range.validator';
import { FORMATS, type Format } from '../common/representation';
import { PLATFORMS } from '@labpulse/connectors';
import { PLATFORM_MESSAGE } from '../common/platform-params';

export const STANCES = ['favor', 'against', 'neutral'] as const;
export const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export const MAX_PAGE_SIZE = 200;

export class LabSlugParamDto {
  @ApiProperty({ example: 'openai' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/, { message: 'slug must be a lab slug (a-z, 0-9, -)' })
  slug!: string;
}

/** GET /v1/labs/:slug/posts query string. */
export class PostsQueryDto {
  @ApiPropertyOptional({ enum: PLATFORMS })
  @IsOptional()
  @IsIn(PLATFORMS, { message: PLATFORM_MESSAGE })
  platform?: (typeof PLATFORMS)[number];

  @ApiPropertyOptional({ enum: STANCES, description: "The post's stance toward this lab" })
  @IsOptional()
  @IsIn(STANCES, { message: `stance must be one of ${STANCES.join(', ')}` })
  stance?: (typeof STANCES)[number];

  @ApiPropertyOptional({ enum: SENTIMENTS })
  @IsOptional()
  @IsIn(SENTIMENTS, { message: `sentiment must be one of ${SENTIMENTS.join(', ')}` })
  sentiment?: (typeof SENTIMENTS)[number];

  @ApiPropertyOptional({ description: 'Posted at or after (inclusive), e.g. `2026-11-01T00:00:00Z`' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Posted before (exclusive), e.g. `2026-11-08T00:00:00Z`' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({
    enum: POST_SORTS,
    default: 'recent',
    description: 'most_negative leaves out posts without a sentiment score',
  })
  @IsOptional()
  @IsIn(POST_SORTS, { message: `sort must be one of ${POST_SORTS.join(', ')}` })
  sort?: PostSort;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsIntInRange(1, MAX_PAGE_SIZE)
  limit?: number;

  @ApiPropertyOptional({ description: "Opaque: the previous page's `next`; valid only with the same filters and sort" })
  @IsOptional()
  @IsString({ message: 'cursor must be the `next` value of a previous page' })
  @MaxLength(512, { message: 'cursor must be the `next` value of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ enum: FORMATS, description: 'Overrides the Accept header' })
  @IsOptional()
  @IsIn(FORMATS, { message: `format must be one of ${FORMATS.join(', ')}` })
  format?: Format;
}
