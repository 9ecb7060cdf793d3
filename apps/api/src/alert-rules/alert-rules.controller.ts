import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBody, ApiTags } from '@nestjs/swagger';
import { Scopes } from '../auth';
import { uuidParam } from '../common/uuid-param';
import type { AlertRuleView } from './alert-rule-view';
import { AlertRulesService } from './alert-rules.service';

const RULE_BODY = {
  description:
    'An alert rule (docs/alerting.md): name, labId (null = every lab), platform, metric, direction, detector, bucket, window, ' +
    'baseline, baselineKind, enterThreshold, exitThreshold, minVolume, minEffect, pendingFor, resolveAfter, cooldown, ' +
    'escalationFactor, repeatInterval, minCoverage, sendResolved, severity, enabled. Omitted settings take the metric defaults.',
  schema: { type: 'object' as const },
};

/**
 * Alert rules. Bodies are validated by validateAlertRule (not class-validator: the rule model owns
 * its cross-field rules), so every 400 lists each offending field.
 */
@ApiTags('alerts')
@Scopes('admin')
@Controller('v1/alert-rules')
export class AlertRulesController {
  constructor(private readonly rules: AlertRulesService) {}

  @Get()
  list(): Promise<{ data: AlertRuleView[] }> {
    return this.rules.list();
  }

  @Post()
  @HttpCode(201)
  @ApiBody(RULE_BODY)
  create(@Body() body: unknown): Promise<AlertRuleView> {
    return this.rules.create(body);
  }

  @Get(':id')
  get(@Param('id', uuidParam('id')) id: string): Promise<AlertRuleView> {
    return this.rules.get(id);
  }

  @Put(':id')
  @ApiBody(RULE_BODY)
  replace(@Param('id', uuidParam('id')) id: string, @Body() body: unknown): Promise<AlertRuleView> {
    return this.rules.replace(id, body);
  }

  @Patch(':id')
  @ApiBody(RULE_BODY)
  update(@Param('id', uuidParam('id')) id: string, @Body() body: unknown): Promise<AlertRuleView> {
    return this.rules.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  remove(@Param('id', uuidParam('id')) id: string): Promise<void> {
    return this.rules.remove(id);
  }
}
