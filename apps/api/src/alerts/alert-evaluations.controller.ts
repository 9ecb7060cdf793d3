import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { EvaluationView } from './alert-views';
import { AlertsService, type Page } from './alerts.service';
import { ListEvaluationsQueryDto } from './list-evaluations-query.dto';

/** The evaluation log (read scope): every decision with observed, expected, score, n and the reason. */
@ApiTags('alerts')
@Controller('v1/alert-evaluations')
export class AlertEvaluationsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  list(@Query() query: ListEvaluationsQueryDto): Promise<Page<EvaluationView>> {
    return this.alerts.evaluationLog(query);
  }
}
