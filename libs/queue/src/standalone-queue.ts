import { Queue, QueueEvents } from 'bullmq';
import type { AppConfig } from '@labpulse/config';
import { queuePrefix } from './queue.module';
import type { QueueName } from './queue-catalogue';
import { redisConnectionOptions } from './redis-connection';

/** A queue for code that runs outside Nest (the CLI, benchmarks), configured like the app's. */
export function createStandaloneQueue(config: AppConfig, name: QueueName): Queue {
  return new Queue(name, {
    connection: redisConnectionOptions(config.redis),
    prefix: queuePrefix(config.queue.prefix),
  });
}

/** Completion events for a queue, so a caller can wait for one job's result. */
export function createQueueEvents(config: AppConfig, name: QueueName): QueueEvents {
  return new QueueEvents(name, {
    connection: redisConnectionOptions(config.redis),
    prefix: queuePrefix(config.queue.prefix),
  });
}
