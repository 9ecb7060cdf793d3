import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { ModuleRef } from '@nestjs/core';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { jobOptionsFor, schedulerTemplateOptions } from './job-options';
import type { AnyJob, QueueName } from './queue-catalogue';

/**
 * The only way code adds jobs: typed against the catalogue, options from jobOptionsFor.
 * Queues are owned (and closed on shutdown) by BullModule.
 */
@Injectable()
export class JobProducer {
  constructor(
    private readonly moduleRef: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Queues scoring of stored posts as jobs of SCORE_BATCH_SIZE ids (never one job per post);
   * `backfill` jobs wait behind fresh ones.
   */
  async enqueueScoring(postIds: string[], options: { backfill?: boolean } = {}): Promise<void> {
    const size = this.config.queue.scoreBatchSize;
    const jobs: AnyJob[] = [];
    for (let i = 0; i < postIds.length; i += size) {
      const data = { postIds: postIds.slice(i, i + size), ...(options.backfill ? { backfill: true } : {}) };
      jobs.push({ queue: 'score', name: 'score', data });
    }
    if (jobs.length > 0) await this.enqueueMany(jobs);
  }

  async enqueue(job: AnyJob): Promise<void> {
    await this.queue(job.queue).add(job.name, job.data, jobOptionsFor(job));
  }

  async enqueueMany(jobs: AnyJob[]): Promise<void> {
    const byQueue = new Map<QueueName, AnyJob[]>();
    for (const job of jobs) byQueue.set(job.queue, [...(byQueue.get(job.queue) ?? []), job]);
    for (const [queue, list] of byQueue) {
      await this.queue(queue).addBulk(
        list.map((job) => ({ name: job.name, data: job.data, opts: jobOptionsFor(job) })),
      );
    }
  }

  /**
   * Creates or updates a job scheduler making `job` every `everyMs`, its jobs carrying the same
   * retries and removal limits as when added by hand. Idempotent: replicas may all call it at once.
   */
  async upsertScheduler(schedulerId: string, everyMs: number, job: AnyJob): Promise<void> {
    await this.queue(job.queue).upsertJobScheduler(
      schedulerId,
      { every: everyMs },
      { name: job.name, data: job.data, opts: schedulerTemplateOptions(job) },
    );
  }

  /** Resolved on use: queue providers are built asynchronously, after this class is constructed. */
  queue(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  /** For readiness probes: true when Redis answers within the timeout. */
  async ping(timeoutMs = 1_000): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const answer = (async () => {
      const queue = this.queue('schedule');
      const client = await queue.getBackend().client;
      // A read of a queue key (its meta hash), not INFO: on a cluster it must reach the master that holds the
      // queues' slot, and a cluster missing a master refuses it (CLUSTERDOWN) while INFO still answers.
      await client.hget(queue.toKey('meta'), 'version');
      return true;
    })().catch(() => false);
    try {
      return await Promise.race([answer, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
