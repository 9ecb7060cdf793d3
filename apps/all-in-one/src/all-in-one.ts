import type { INestApplication } from '@nestjs/common';
import type { AppConfig } from '@labpulse/config';
import { AppMetrics } from '@labpulse/observability';
import { bootstrapApi } from '../../api/src/bootstrap-api';
import { bootstrapWorker, type RunningWorker } from '../../worker/src/bootstrap-worker';

export interface AllInOne {
  api: INestApplication;
  worker: RunningWorker;
  close(): Promise<void>;
}

/**
 * The api and a worker in one process, sharing one metrics registry: the api port's /metrics (and
 * the worker's health port's) shows the worker's job counters beside the HTTP ones, not zeros.
 */
export async function startAllInOne(config: AppConfig): Promise<AllInOne> {
  const metrics = new AppMetrics();
  const worker = await bootstrapWorker(config, { metrics });
  const api = await bootstrapApi(config, { metrics });
  return {
    api,
    worker,
    close: async () => {
      await Promise.all([api.close(), worker.close()]);
    },
  };
}
