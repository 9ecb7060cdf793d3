import type { RawEnv } from './config.schema';

/** The typed configuration every other module receives; nothing else reads process.env. */
export interface AppConfig {
  database: { url: string; poolSize: number };
  redis: { url: string };
  queue: { prefix: string; scoreBatchSize: number; importBatchSize: number; schedulerIntervalMs: number };
  api: { port: number };
  worker: { healthPort: number; roles: string[] };
  log: { level: RawEnv['LOG_LEVEL'] };
}

export function toAppConfig(env: RawEnv): AppConfig {
  return {
    database: { url: env.DATABASE_URL, poolSize: env.DB_POOL_SIZE },
    redis: { url: env.REDIS_URL },
    queue: {
      prefix: env.QUEUE_PREFIX,
      scoreBatchSize: env.SCORE_BATCH_SIZE,
      importBatchSize: env.IMPORT_BATCH_SIZE,
      schedulerIntervalMs: env.SCHEDULER_INTERVAL_MS,
    },
    api: { port: env.API_PORT },
    worker: {
      healthPort: env.WORKER_HEALTH_PORT,
      roles: env.WORKER_QUEUES.split(',')
        .map((role) => role.trim())
        .filter((role) => role.length > 0),
    },
    log: { level: env.LOG_LEVEL },
  };
}
