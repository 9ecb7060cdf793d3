import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { SEQ_PAGE_DEFAULT, SEQ_PAGE_MAX } from './seq-cursor';

const LIMIT_MESSAGE = `limit must be an integer from 1 to ${SEQ_PAGE_MAX}`;

/** `limit` and `cursor` of the keyset-paged alerting lists (alerts, evaluations, deliveries). */
export class SeqPageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: SEQ_PAGE_MAX, default: SEQ_PAGE_DEFAULT })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: LIMIT_MESSAGE })
  @Min(1, { message: LIMIT_MESSAGE })
  @Max(SEQ_PAGE_MAX, { message: LIMIT_MESSAGE })
  limit?: number;

  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;
}
