import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { EVENT_TYPES_MESSAGE, SUBSCRIBABLE_EVENT_TYPES, URL_SHAPE_LIMIT } from './webhook-fields';

/** PATCH /v1/webhooks/:id. */
export class UpdateWebhookDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString({ message: 'url must be a string' })
  @MaxLength(URL_SHAPE_LIMIT, { message: 'url must be at most 2048 characters' })
  url?: string;

  @ApiPropertyOptional({ enum: SUBSCRIBABLE_EVENT_TYPES, isArray: true })
  @IsOptional()
  @IsArray({ message: EVENT_TYPES_MESSAGE })
  @ArrayMinSize(1, { message: EVENT_TYPES_MESSAGE })
  @ArrayMaxSize(SUBSCRIBABLE_EVENT_TYPES.length, { message: EVENT_TYPES_MESSAGE })
  @IsIn(SUBSCRIBABLE_EVENT_TYPES, { each: true, message: EVENT_TYPES_MESSAGE })
  eventTypes?: string[];

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString({ message: 'description must be a string' })
  @MaxLength(500, { message: 'description must be at most 500 characters' })
  description?: string;

  @ApiPropertyOptional({ description: 'true re-enables a disabled endpoint and resets its failure counters' })
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}
