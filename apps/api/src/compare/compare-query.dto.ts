import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches } from 'class-validator';
import { IsInstant } from '../common/instant.validator';
import { SLUG_LIST } from '../trends/trends-query.dto';
import { PLATFORM_LIST, PLATFORM_LIST_MESSAGE } from '../common/platform-params';

/** GET /v1/compare query string. */
export class CompareQueryDto {
  @ApiProperty({
    description: '1 to 20 comma-separated lab slugs; share of voice is among them',
    example: 'openai,anthropic,deepseek',
  })
  @IsString({ message: 'labs must be one comma-separated list of lab slugs' })
  @Matches(SLUG_LIST, { message: 'labs must be 1 to 20 comma-separated lab slugs (a-z, 0-9, -)' })
  labs!: string;

  @ApiProperty({ description: 'Period start (inclusive), floored to 5 minutes', example: '2026-11-01T00:00:00Z' })
  @IsInstant()
  from!: string;

  @ApiProperty({ description: 'Period end (exclusive), floored to 5 minutes', example: '2026-11-08T00:00:00Z' })
  @IsInstant()
  to!: string;

  @ApiPropertyOptional({ description: 'Comma-separated subset of x, facebook, linkedin; all when absent' })
  @IsOptional()
  @IsString({ message: 'platforms must be one comma-separated list' })
  @Matches(PLATFORM_LIST, { message: PLATFORM_LIST_MESSAGE })
  platforms?: string;
}
