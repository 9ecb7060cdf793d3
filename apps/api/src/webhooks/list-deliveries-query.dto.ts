import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from '@labpulse/alerts';
import { ALERT_PAGE_DEFAULT, ALERT_PAGE_MAX } from '../alerts/seq-cursor';
import { DELIVERY_STATUSES } from './webhook-fields';

const LIMIT_MESSAGE = `limit must be an integer from 1 to ${ALERT_PAGE_MAX}`;

/** GET /v1/webhooks/:id/deliveries query string. */
export class ListDeliveriesQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES, { message: `status must be one of ${DELIVERY_STATUSES.join(', ')}` })
  status?: (typeof DELIVERY_STATUSES)[number];

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES })
  @IsOptional()
  @IsIn(WEBHOOK_EVENT_TYPES, { message: `eventType must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}` })
  eventType?: string;

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
