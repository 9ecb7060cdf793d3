import { z } from 'zod';
import { ALERTING_ENV } from './alerting-config';
import { workerConcurrencySchema } from './worker-concurrency';

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

const port = z.coerce.number().int().min(1).max(65535);
/** 0 lets the OS pick a free port (used by tests that run several processes). */
const portOrZero = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();

/** Every environment variable LabPulse reads, with its default. `.env.example` documents them. */
export const envSchema = z.object({
  DATABASE_URL: url(['postgres:', 'postgresql:']).default('postgres://postgres@localhost:5432/labpulse'),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://localhost:6379'),
  /**
   * Redis Cluster: `host:port,host:port,...` (some of the masters; the rest are discovered). When set,
   * every Redis connection is a cluster client; REDIS_URL then gives only its user, password and `rediss:`.
   */
  REDIS_CLUSTER_NODES: z
    .string()
    .default('')
    .transform((value, ctx) => {
      const nodes = value
        .split(',')
        .map((node) => node.trim())
        .filter((node) => node.length > 0);
      return nodes.map((node) => {
        const match = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\]):(\d{1,5})$/.exec(node);
        const port = Number(match?.[2]);
        if (!match || port < 1 || port > 65535) {
          ctx.addIssue({ code: 'custom', message: `"${node}" must be host:port, e.g. redis-1:6379` });
          return { host: '', port: 0 };
        }
        return { host: match[1].replace(/^\[|\]$/g, ''), port };
      });
    }),
  API_PORT: port.default(3000),
  /** Address the api port and the worker's health port listen on (0.0.0.0: every interface, as in a container; 127.0.0.1: this host only). */
  BIND_ADDRESS: z
    .union([z.ipv4(), z.ipv6()], { message: 'must be an IPv4 or IPv6 address, e.g. 0.0.0.0 or 127.0.0.1' })
    .default('0.0.0.0'),
  /** Requests per minute per API key (a key may carry its own limit); counted in Redis, so shared by every API replica. */
  RATE_LIMIT_PER_MINUTE: positiveInt.max(1_000_000).default(600),
  /** How long a trend/compare/posts answer whose buckets are all closed may be reused (server cache and Cache-Control max-age); 0 disables the server cache. */
  API_CACHE_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Bytes the per-replica answer cache may hold in all (bodies as stored, gzip copies included). */
  API_CACHE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(4 * 1024 ** 3)
    .default(64 * 1024 ** 2),
  /**
   * Larger answers are sent but never cached: a few of them would fill the cache. 4 MB keeps a month
   * of hourly points for 12 labs (~2.2 MB, bench:api's mix) and leaves out the largest (20,000 points, ~5 MB).
   */
  API_CACHE_ENTRY_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(1024 ** 3)
    .default(4 * 1024 ** 2),
  /**
   * Bytes of closed rollup blocks (24 buckets of one lab and platform selection) each api replica keeps
   * for API_CACHE_SECONDS, so a trend query nobody asked before reuses the blocks earlier queries read.
   * 0 reads every block from Postgres.
   */
  API_BLOCK_CACHE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(4 * 1024 ** 3)
    .default(32 * 1024 ** 2),
  /** Unknown API keys one client address may present per minute (each costs a database lookup); past it, 429. */
  AUTH_FAILURES_PER_MINUTE: positiveInt.max(1_000_000).default(60),
  WORKER_HEALTH_PORT: portOrZero.default(3001),
  /** Comma-separated worker roles; empty means all of them. Validated against the queue catalogue. */
  WORKER_QUEUES: z.string().default(''),
  /** Per-queue jobs at once in each worker process, e.g. `score=2,poll-x=8,deliver=20`; unnamed queues keep their defaults. */
  WORKER_CONCURRENCY: workerConcurrencySchema,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  /** Namespace of every BullMQ key; wrapped in {} so all queues hash to one Redis Cluster slot. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/, 'must be 1-40 characters of a-z, 0-9, _ or -')
    .default('labpulse'),
  /**
   * How often the scheduler fans out due sources and re-enqueues stranded work. A source polled
   * waits up to this long past its interval, and a backlog source between two time-budgeted polls.
   */
  SCHEDULER_INTERVAL_MS: positiveInt.default(1_000),
  /**
   * Posts per score job (ids only, so Redis overhead is negligible). bench:write-path: Postgres CPU
   * per post is ~10% lower at 1,000 than at 500, and flat beyond.
   */
  SCORE_BATCH_SIZE: positiveInt.max(5_000).default(1_000),
  /** Lines read from an import file per transaction. */
  IMPORT_BATCH_SIZE: positiveInt.max(10_000).default(1_000),
  DB_POOL_SIZE: positiveInt.max(100).default(10),

  // Platform APIs. Tokens are secrets: never logged, never returned by the API.
  X_API_BASE_URL: url(['https:', 'http:']).default('https://api.x.com'),
  X_BEARER_TOKEN: z.string().min(1).optional(),
  FACEBOOK_GRAPH_BASE_URL: url(['https:', 'http:']).default('https://graph.facebook.com'),
  FACEBOOK_ACCESS_TOKEN: z.string().min(1).optional(),
  FACEBOOK_GRAPH_VERSION: z
    .string()
    .regex(/^v\d{1,2}\.0$/, 'must look like v25.0')
    .default('v25.0'),
  LINKEDIN_API_BASE_URL: url(['https:', 'http:']).default('https://api.linkedin.com'),
  LINKEDIN_ACCESS_TOKEN: z.string().min(1).optional(),
  LINKEDIN_VERSION: z
    .string()
    .regex(/^\d{6}(\.\d{2})?$/, 'must look like 202608 (YYYYMM)')
    .default('202608'),
  /** Per request to a platform, body included. */
  CONNECTOR_TIMEOUT_MS: positiveInt.max(120_000).default(15_000),
  /** Poll jobs each platform queue may start per minute, across all workers (BullMQ limiter). */
  POLL_JOBS_PER_MINUTE: positiveInt.max(100_000).default(60),

  // Data lifecycle (docs/data-lifecycle.md).
  /** Days of raw posts (with their scores and mentions) to keep; 0 keeps them forever. Rollups are always kept. */
  POST_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(0),
  /** Posts deleted per statement by the retention job, so it never holds many row locks at once. */
  RETENTION_BATCH_SIZE: positiveInt.max(100_000).default(5_000),

  // Alert evaluation and webhook delivery (issue 6).
  ...ALERTING_ENV,
});

export type RawEnv = z.infer<typeof envSchema>;
