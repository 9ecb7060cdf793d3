import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DatabaseHealth } from '@labpulse/persistence';
import { JobProducer } from '@labpulse/queue';
import { Public } from '../auth/scopes.decorator';

// Probes answer without a key: orchestrators have none.
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly db: DatabaseHealth,
    private readonly jobs: JobProducer,
  ) {}

  /** Liveness: the process is up and serving. */
  @Get('health')
  @HttpCode(200)
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Readiness: Postgres and Redis both answer; 503 otherwise, naming which one failed. */
  @Get('ready')
  async ready(@Res({ passthrough: true }) res: Response): Promise<{ status: string; checks: Record<string, boolean> }> {
    const checks = { postgres: await this.db.ping(), redis: await this.jobs.ping() };
    const ok = checks.postgres && checks.redis;
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'unavailable', checks };
  }
}
