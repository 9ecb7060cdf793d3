import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { WorkerHost } from '@nestjs/bullmq';
import { type AppConfig, ConfigModule } from '@labpulse/config';
import { MetricsModule } from '@labpulse/observability';
import { PersistenceModule } from '@labpulse/persistence';
import {
  JobProducer,
  type QueueName,
  QueueModule,
  resolveWorkerConcurrency,
  resolveWorkerQueues,
} from '@labpulse/queue';
import { AggregateProcessor } from './aggregate/aggregate.processor';
import { AlertEvaluationService } from './alerts/alert-evaluation.service';
import { AlertKeyEvaluator } from './alerts/alert-key.evaluator';
import { DeliveryDispatcher } from './alerts/delivery-dispatcher.service';
import { EvaluateProcessor } from './alerts/evaluate.processor';
import { JobSchedulerRegistrar } from './jobs/job-schedulers';
import { SourceFailingService } from './alerts/source-failing.service';
import { DeliverProcessor } from './deliver/deliver.processor';
import { DeliveryService } from './deliver/delivery.service';
import { WebhookHttpClient } from './deliver/webhook-http.client';
import { ConnectorRegistry } from './poll/connector-registry';
import { pollProcessors } from './poll/poll.processors';
import { PollService } from './poll/poll.service';
import { SourcePauseNotifier } from './poll/source-pause-notifier';
import { FanoutService } from './schedule/fanout.service';
import { RetentionService } from './schedule/retention.service';
import { ScheduleProcessor } from './schedule/schedule.processor';
import { ScorerProvider } from './score/scorer.provider';
import { ScoreProcessor } from './score/score.processor';
import { RescoreService } from './score/rescore.service';
import { ScoreService } from './score/score.service';
import { type WorkerOverrides, overrideProviders } from './worker-overrides';
import { WorkerRunner } from './worker-runner.service';

/** Exactly one processor per queue; the Record type makes a missing handler a compile error. */
function processorByQueue(config: AppConfig): Record<QueueName, Type<WorkerHost>> {
  return {
    schedule: ScheduleProcessor,
    ...pollProcessors(config),
    score: ScoreProcessor,
    aggregate: AggregateProcessor,
    evaluate: EvaluateProcessor,
    deliver: DeliverProcessor,
  };
}

const SERVICES = [
  ConnectorRegistry,
  PollService,
  SourcePauseNotifier,
  ScorerProvider,
  ScoreService,
  RescoreService,
  FanoutService,
  RetentionService,
];
const ALERT_SERVICES = [
  AlertEvaluationService,
  AlertKeyEvaluator,
  SourceFailingService,
  DeliveryDispatcher,
  DeliveryService,
  WebhookHttpClient,
];

@Module({})
export class WorkerModule {
  /** Registers processors only for the queues this process runs (WORKER_QUEUES). */
  static forRoot(config: AppConfig, overrides: WorkerOverrides = {}): DynamicModule {
    const byQueue = processorByQueue(config);
    const processors = resolveWorkerQueues(config.worker.roles).map((queue) => ({ queue, type: byQueue[queue] }));
    const concurrency = resolveWorkerConcurrency(config.worker.concurrency);
    return {
      module: WorkerModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule,
        QueueModule,
        MetricsModule.forRoot({ queues: processors.map((p) => p.queue), shared: overrides.metrics }),
      ],
      providers: [
        ...SERVICES,
        ...ALERT_SERVICES,
        ...overrideProviders(overrides),
        ...processors.map((p) => p.type),
        {
          provide: JobSchedulerRegistrar,
          inject: [JobProducer],
          useFactory: (jobs: JobProducer) =>
            new JobSchedulerRegistrar(
              jobs,
              config,
              processors.map((p) => p.queue),
            ),
        },
        {
          provide: WorkerRunner,
          inject: [ModuleRef],
          useFactory: (ref: ModuleRef) => new WorkerRunner(ref, processors, concurrency, config),
        },
      ],
    };
  }
}
