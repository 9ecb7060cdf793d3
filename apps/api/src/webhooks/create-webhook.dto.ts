import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { EVENT_TYPES_MESSAGE, SUBSCRIBABLE_EVENT_TYPES, URL_SHAPE_LIMIT } from './webhook-fields';

/** POST /v1/webhooks. URL rules (scheme, userinfo, ports, addresses) are checkWebhookUrl's. */
export class CreateWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.com/labpulse' })
  @IsString({ message: 'url must be a string' })
  @MaxLength(URL_SHAPE_LIMIT, { message: 'url must be at most 2048 characters' })
  url!: string;

  @ApiPropertyOptional({
    enum: SUBSCRIBABLE_EVENT_TYPES,
    isArray: true,
    description:
      'Default: every type, including types added later (allEvents); a list given here or in a PATCH is kept as it is',
  })
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

  @ApiPropertyOptional({ description: 'Your own whsec_ secret (24-64 bytes, base64); by default one is generated' })
  @IsOptional()
  @IsString({ message: 'secret must be a string' })
  @MaxLength(200, { message: 'secret must be a whsec_ secret of 24 to 64 bytes' })
  secret?: string | null;
}
