import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AppMetrics } from '@labpulse/observability';
import { Public } from '../auth/scopes.decorator';

// Open like the probes: Prometheus scrapes without a key; the numbers hold no post or key data.
@Public()
@ApiTags('operations')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: AppMetrics) {}

  @Get('metrics')
  @ApiOperation({
    summary: "This api process's metrics in the Prometheus text format (HTTP latency, queue depths, process)",
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4' })
  async scrape(@Res() res: Response): Promise<void> {
    const { contentType, body } = await this.metrics.scrape();
    res.status(200).setHeader('Content-Type', contentType);
    res.send(body);
  }
}
