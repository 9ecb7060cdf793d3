import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AlertDetailView, AlertView } from './alert-views';
import { AlertsService, type Page } from './alerts.service';
import { ListAlertsQueryDto } from './list-alerts-query.dto';
import { uuidParam } from '../common/uuid-param';

/** Alert episodes (read scope): newest first, keyset-paginated. */
@ApiTags('alerts')
@Controller('v1/alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  list(@Query() query: ListAlertsQueryDto): Promise<Page<AlertView>> {
    return this.alerts.list(query);
  }

  /** One episode with its events and every decision recorded while it was open. */
  @Get(':id')
  get(@Param('id', uuidParam('id')) id: string): Promise<AlertDetailView> {
    return this.alerts.get(id);
  }
}
