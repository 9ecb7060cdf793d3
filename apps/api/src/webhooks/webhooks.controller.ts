import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Scopes } from '../auth';
import type { Page } from '../alerts/alerts.service';
import { uuidParam } from '../common/uuid-param';
import { CreateWebhookDto } from './create-webhook.dto';
import { ListDeliveriesQueryDto } from './list-deliveries-query.dto';
import { UpdateWebhookDto } from './update-webhook.dto';
import type { DeliveryDetailView, DeliveryView, WebhookView, WebhookWithSecretView } from './webhook-views';
import { WebhooksService } from './webhooks.service';

/** Webhook endpoints, signed with Standard Webhooks; the secret is shown at creation and rotation only. */
@ApiTags('webhooks')
@Scopes('admin')
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @HttpCode(201)
  create(@Body() dto: CreateWebhookDto): Promise<WebhookWithSecretView> {
    return this.webhooks.create(dto);
  }

  @Get()
  list(): Promise<{ data: WebhookView[] }> {
    return this.webhooks.list();
  }

  @Get(':id')
  get(@Param('id', uuidParam('id')) id: string): Promise<WebhookView> {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  update(@Param('id', uuidParam('id')) id: string, @Body() dto: UpdateWebhookDto): Promise<WebhookView> {
    return this.webhooks.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.webhooks.remove(id);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  rotateSecret(@Param('id', uuidParam('id')) id: string): Promise<WebhookWithSecretView> {
    return this.webhooks.rotateSecret(id);
  }

  @Post(':id/test')
  @HttpCode(202)
  sendTest(@Param('id', uuidParam('id')) id: string): Promise<DeliveryView> {
    return this.webhooks.sendTest(id);
  }

  @Get(':id/deliveries')
  listDeliveries(
    @Param('id', uuidParam('id')) id: string,
    @Query() query: ListDeliveriesQueryDto,
  ): Promise<Page<DeliveryView>> {
    return this.webhooks.listDeliveries(id, query);
  }

  @Get(':id/deliveries/:deliveryId')
  getDelivery(
    @Param('id', uuidParam('id')) id: string,
    @Param('deliveryId', uuidParam('deliveryId')) deliveryId: string,
  ): Promise<DeliveryDetailView> {
    return this.webhooks.getDelivery(id, deliveryId);
  }

  @Post(':id/deliveries/:deliveryId/replay')
  @HttpCode(202)
  replay(
    @Param('id', uuidParam('id')) id: string,
    @Param('deliveryId', uuidParam('deliveryId')) deliveryId: string,
  ): Promise<DeliveryView> {
    return this.webhooks.replay(id, deliveryId);
  }
}
