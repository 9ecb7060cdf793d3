import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { JobProducer } from './job-producer.service';
import { QUEUE_NAMES } from './queue-catalogue';
import { redisConnectionOptions } from './redis-connection';

const QUEUES = BullModule.registerQueue(...QUEUE_NAMES.map((name) => ({ name })));

@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: redisConnectionOptions(config.redis),
        prefix: queuePrefix(config.queue.prefix),
      }),
    }),
    QUEUES,
  ],
  providers: [JobProducer],
  exports: [JobProducer, QUEUES],
})
export class QueueModule {}

/** Braces make every queue key hash to one Redis Cluster slot, which BullMQ's Lua scripts need. */
export function queuePrefix(prefix: string): string {
  return `{${prefix}}`;
}
