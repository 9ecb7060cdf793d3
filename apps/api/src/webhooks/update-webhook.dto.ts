import { ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { CreateWebhookDto } from './create-webhook.dto';

/** PATCH /v1/webhooks/:id: the creation fields, each optional (same rules), plus enabled. */
export class UpdateWebhookDto extends PartialType(
  PickType(CreateWebhookDto, ['url', 'eventTypes', 'description'] as const),
) {
  @ApiPropertyOptional({ description: 'true re-enables a disabled endpoint and resets its failure counters' })
  @IsOptional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;
}
