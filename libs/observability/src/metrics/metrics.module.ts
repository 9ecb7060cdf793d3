import { type DynamicModule, Global, Module } from '@nestjs/common';
import { JobProducer, type QueueName, QueueModule } from '@labpulse/queue';
import { AppMetrics } from './app-metrics';
import { DEPTH_STATES, registerQueueDepthGauge } from './queue-depth.gauge';

/**
 * Provides the app's AppMetrics, with the depths of `queues` read at scrape time: its own registry,
 * or `shared` when an api and a worker run in one process (`npm start`) and answer /metrics as one.
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(options: { queues: readonly QueueName[]; shared?: AppMetrics }): DynamicModule {
    return {
      module: MetricsModule,
      imports: [QueueModule],
      providers: [
        {
          provide: AppMetrics,
          inject: [JobProducer],
          useFactory: (jobs: JobProducer) => {
            const metrics = options.shared ?? new AppMetrics();
            registerQueueDepthGauge(metrics, options.queues, (queue) =>
              jobs.queue(queue as QueueName).getJobCounts(...DEPTH_STATES),
            );
            return metrics;
          },
        },
      ],
      exports: [AppMetrics],
    };
  }
}
