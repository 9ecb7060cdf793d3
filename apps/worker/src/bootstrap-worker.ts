import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Server } from 'node:http';
import type { AppConfig } from '@labpulse/config';
import { AppMetrics, PinoNestLogger, processLogger } from '@labpulse/observability';
import { DatabaseHealth } from '@labpulse/persistence';
import { JobProducer } from '@labpulse/queue';
import { startWorkerHealthServer } from './health/worker-health.server';
import type { WorkerOverrides } from './worker-overrides';
import { WorkerModule } from './worker.module';

export interface RunningWorker {
  app: INestApplicationContext;
  health: Server;
  close(): Promise<void>;
}

/** Boots the worker: Nest context without HTTP, processors for WORKER_QUEUES, a health port. */
export async function bootstrapWorker(config: AppConfig, overrides: WorkerOverrides = {}): Promise<RunningWorker> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, overrides), {
    logger: new PinoNestLogger(processLogger(config)),
  });
  const db = app.get(DatabaseHealth);
  const jobs = app.get(JobProducer);
  const metrics = app.get(AppMetrics);
  const health = await startWorkerHealthServer(
    config.worker.healthPort,
    config.worker.healthBindAddress,
    async () => ({ postgres: await db.ping(), redis: await jobs.ping() }),
    () => metrics.scrape(),
  );
  new Logger('Worker').log(
    `worker ready; health on ${config.worker.healthBindAddress} port ${config.worker.healthPort}`,
  );
  return {
    app,
    health,
    async close() {
      health.close();
      await app.close();
    },
  };
}
