import { type DynamicModule, Global, Module } from '@nestjs/common';
import { JobProducer, type QueueName, QueueModule } from '@labpulse/queue';
import { AppMetrics } from './app-metrics';
import { DEPTH_STATES, registerQueueDepthGauge } from './queue-depth.gauge';

/** Provides the app's AppMetrics (its own registry), with the depths of `queues` read at scrape time. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: { queues: readonly QueueName[] }): DynamicModule {
    return {
      module: MetricsModule,
      imports: [QueueModule],
      providers: [
        {
          provide: AppMetrics,
          inject: [JobProducer],
          useFactory: (jobs: JobProducer) => {
            const metrics = new AppMetrics();
            registerQueueDepthGauge(metrics, options.queues, (queue) => jobs.queue(queue as QueueName).getJobCounts(...DEPTH_STATES));
            return metrics;
          },
        },
      ],
      exports: [AppMetrics],
    };
  }
}
