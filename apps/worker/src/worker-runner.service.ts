import { Injectable, Logger, type OnApplicationBootstrap, type Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { WorkerHost } from '@nestjs/bullmq';
import type { AppConfig } from '@labpulse/config';
import { AppMetrics, processLogger } from '@labpulse/observability';
import type { QueueName } from '@labpulse/queue';
import { instrumentWorker } from './metrics/job-instrumentation';

// Jobs per process at once, unless WORKER_CONCURRENCY says otherwise. Scoring is CPU-bound: a
// second process, not more concurrency, uses a second core (docs/architecture.md#performance). Polls mostly wait on
// the network.
export const DEFAULT_CONCURRENCY: Record<QueueName, number> = {
  schedule: 1,
  'poll-x': 4,
  'poll-facebook': 4,
  'poll-linkedin': 4,
  import: 1,
  score: 2,
  aggregate: 1,
  // One pass at a time per process; passes in several processes serialise per alert key.
  evaluate: 1,
  // Webhook POSTs wait on receivers (up to WEBHOOK_TIMEOUT_MS each).
  deliver: 10,
};

/**
 * Workers are created paused (autorun: false) and started only once every module is ready, so no
 * job is taken by a half-initialised process.
 */
@Injectable()
export class WorkerRunner implements OnApplicationBootstrap {
  private readonly logger = new Logger(WorkerRunner.name);

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly processors: Array<{ queue: QueueName; type: Type<WorkerHost> }>,
    private readonly overrides: Partial<Record<QueueName, number>>,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const metrics = this.moduleRef.get(AppMetrics, { strict: false });
    const logger = processLogger(this.config);
    const concurrency = { ...DEFAULT_CONCURRENCY, ...this.overrides };
    for (const { queue, type } of this.processors) {
      const worker = this.moduleRef.get(type, { strict: false }).worker;
      worker.concurrency = concurrency[queue];
      instrumentWorker(worker, queue, metrics, logger);
      worker.run().catch((error: Error) => this.logger.error(`${queue} worker stopped: ${error.message}`));
    }
    this.logger.log(
      `processing queues: ${this.processors.map((p) => `${p.queue} (x${concurrency[p.queue]})`).join(', ')}`,
    );
  }
}
