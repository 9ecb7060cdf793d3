import { createIORedisClient, RedisConnection, type RedisOptions as BullRedisOptions } from 'bullmq';
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import type { AppConfig } from '@labpulse/config';

/**
 * Every Redis connection LabPulse opens is made here: BullMQ's (queues, workers, their blocking
 * duplicates) and the plain clients (rate limits). With REDIS_CLUSTER_NODES set each is an ioredis
 * Cluster client, else a client of the one Redis at REDIS_URL.
 */
export type RedisConfig = AppConfig['redis'];

/** Marks BullMQ connection options that must become a cluster client (see clusterClientFactory). */
const CLUSTER_NODES = 'labpulseClusterNodes';

/**
 * Connection options for BullMQ. maxRetriesPerRequest null lets workers ride out a Redis
 * restart instead of throwing; offline commands queue until the connection is back.
 *
 * Options rather than a client instance, also for a cluster: BullMQ closes the clients it builds
 * from options when a queue or worker closes, and never closes a caller's instance.
 */
export function redisConnectionOptions(redis: RedisConfig): BullRedisOptions {
  const options = { maxRetriesPerRequest: null, enableOfflineQueue: true };
  if (redis.clusterNodes.length === 0) return { url: redis.url, ...options };
  installClusterClientFactory();
  return { ...options, ...credentials(redis.url), [CLUSTER_NODES]: redis.clusterNodes };
}

/** A plain ioredis client (Redis or Cluster, per the config) with `options` applied to each node. */
export function createRedisClient(redis: RedisConfig, options: RedisOptions): Redis | Cluster {
  if (redis.clusterNodes.length === 0) return new Redis(redis.url, options);
  const { enableOfflineQueue, lazyConnect, ...perNode } = options;
  return new Cluster(
    redis.clusterNodes,
    clusterOptions({ ...credentials(redis.url), ...perNode }, { enableOfflineQueue, lazyConnect }),
  );
}

/** User, password and TLS of REDIS_URL: in cluster mode they apply to every node. */
function credentials(url: string): Pick<RedisOptions, 'username' | 'password' | 'tls'> {
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

function clusterOptions(
  redisOptions: RedisOptions,
  options: Pick<ClusterOptions, 'enableOfflineQueue' | 'lazyConnect'>,
): ClusterOptions {
  return {
    ...options,
    redisOptions,
    // Never stop trying to reach the cluster: a master that is away comes back or is replaced.
    clusterRetryStrategy: (times) => Math.min(100 * times, 2_000),
    // No CLUSTER INFO check before `ready`. When that check sees cluster_state:fail (a master just
    // died, its replica not yet promoted), ioredis reconnects on its own but never settles the
    // promise connect() returned. BullMQ awaits exactly that promise when it resets a worker's
    // blocking connection after a failover, so the worker stopped taking jobs from that queue for
    // good (test:cluster, docs/redis-cluster.md). Without the check the client is ready once it
    // has the slot map, and a command sent while the cluster is down is retried as below.
    enableReadyCheck: false,
    // While a replica takes over a dead master (cluster-node-timeout plus an election: seconds), a
    // command for its slots finds the connection closed or the cluster down. Retry every 500 ms for
    // up to ~30 s rather than ioredis' 16 x 100 ms, shorter than a failover (3-5 s in test:cluster).
    retryDelayOnClusterDown: 500,
    retryDelayOnFailover: 500,
    maxRedirections: 60,
  };
}

let factoryInstalled = false;

/**
 * BullMQ builds a client from connection options through RedisConnection.clientFactory when one
 * is set: ours makes marked options a Cluster client and leaves the others as BullMQ would.
 */
function installClusterClientFactory(): void {
  if (factoryInstalled) return;
  factoryInstalled = true;
  RedisConnection.clientFactory = (opts: BullRedisOptions) => {
    const {
      url,
      host,
      port,
      [CLUSTER_NODES]: nodes,
      ...rest
    } = opts as BullRedisOptions & { [CLUSTER_NODES]?: RedisConfig['clusterNodes'] };
    if (!nodes)
      return createIORedisClient(url ? new Redis(url, { host, port, ...rest }) : new Redis({ host, port, ...rest }));
    const { enableOfflineQueue, lazyConnect, ...perNode } = rest as RedisOptions;
    return createIORedisClient(new Cluster(nodes, clusterOptions(perNode, { enableOfflineQueue, lazyConnect })));
  };
}
