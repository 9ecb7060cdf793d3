import type { RawEnv } from './config.schema';
import type { WorkerConcurrency } from './worker-concurrency';
import { type AlertsConfig, type WebhooksConfig, toAlertsConfig, toWebhooksConfig } from './alerting-config';

/** The typed configuration every other module receives; nothing else reads process.env. */
export interface AppConfig {
  database: { url: string; poolSize: number };
  /** `clusterNodes` empty: one Redis at `url`; else a Redis Cluster reached through those nodes. */
  redis: { url: string; clusterNodes: Array<{ host: string; port: number }> };
  queue: { prefix: string; scoreBatchSize: number; importBatchSize: number; schedulerIntervalMs: number };
  api: {
    port: number;
    bindAddress: string;
    rateLimitPerMinute: number;
    cacheSeconds: number;
    cacheMaxBytes: number;
    cacheEntryMaxBytes: number;
    /** Closed rollup blocks kept for trend answers; 0 disables. */
    blockCacheMaxBytes: number;
    authFailuresPerMinute: number;
  };
  platforms: {
    x: PlatformApiConfig;
    facebook: PlatformApiConfig & { version: string };
    linkedin: PlatformApiConfig & { version: string };
    timeoutMs: number;
    pollJobsPerMinute: number;
  };
  worker: { healthPort: number; healthBindAddress: string; roles: string[]; concurrency: WorkerConcurrency };
  log: { level: RawEnv['LOG_LEVEL'] };
  alerts: AlertsConfig;
  webhooks: WebhooksConfig;
  /** Raw-post retention: `postDays` null = keep forever; `batchSize` posts per delete statement. */
  retention: { postDays: number | null; batchSize: number };
}

export interface PlatformApiConfig {
  baseUrl: string;
  /** Secret. null when unset: sources of that platform fail with a message naming the variable. */
  token: string | null;
}

export function toAppConfig(env: RawEnv): AppConfig {
  return {
    database: { url: env.DATABASE_URL, poolSize: env.DB_POOL_SIZE },
    redis: { url: env.REDIS_URL, clusterNodes: env.REDIS_CLUSTER_NODES },
    queue: {
      prefix: env.QUEUE_PREFIX,
      scoreBatchSize: env.SCORE_BATCH_SIZE,
      importBatchSize: env.IMPORT_BATCH_SIZE,
      schedulerIntervalMs: env.SCHEDULER_INTERVAL_MS,
    },
    api: {
      port: env.API_PORT,
      bindAddress: env.BIND_ADDRESS,
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
      cacheSeconds: env.API_CACHE_SECONDS,
      cacheMaxBytes: env.API_CACHE_MAX_BYTES,
      cacheEntryMaxBytes: env.API_CACHE_ENTRY_MAX_BYTES,
      blockCacheMaxBytes: env.API_BLOCK_CACHE_MAX_BYTES,
      authFailuresPerMinute: env.AUTH_FAILURES_PER_MINUTE,
    },
    platforms: {
      x: { baseUrl: env.X_API_BASE_URL, token: env.X_BEARER_TOKEN ?? null },
      facebook: {
        baseUrl: env.FACEBOOK_GRAPH_BASE_URL,
        token: env.FACEBOOK_ACCESS_TOKEN ?? null,
        version: env.FACEBOOK_GRAPH_VERSION,
      },
      linkedin: {
        baseUrl: env.LINKEDIN_API_BASE_URL,
        token: env.LINKEDIN_ACCESS_TOKEN ?? null,
        version: env.LINKEDIN_VERSION,
      },
      timeoutMs: env.CONNECTOR_TIMEOUT_MS,
      pollJobsPerMinute: env.POLL_JOBS_PER_MINUTE,
    },
    worker: {
      healthPort: env.WORKER_HEALTH_PORT,
      healthBindAddress: env.BIND_ADDRESS,
      roles: env.WORKER_QUEUES.split(',')
        .map((role) => role.trim())
        .filter((role) => role.length > 0),
      concurrency: env.WORKER_CONCURRENCY,
    },
    log: { level: env.LOG_LEVEL },
    alerts: toAlertsConfig(env),
    webhooks: toWebhooksConfig(env),
    retention: {
      postDays: env.POST_RETENTION_DAYS === 0 ? null : env.POST_RETENTION_DAYS,
      batchSize: env.RETENTION_BATCH_SIZE,
    },
  };
}
