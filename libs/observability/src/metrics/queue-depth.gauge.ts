import { Gauge } from 'prom-client';
import type { AppMetrics } from './app-metrics';

// prioritized: BullMQ counts jobs with a priority (backlog scoring) apart from waiting.
export const DEPTH_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;
export type DepthState = (typeof DEPTH_STATES)[number];

/** Counts of one queue's jobs per state (BullMQ getJobCounts). */
export type QueueCounter = (queue: string) => Promise<Partial<Record<DepthState, number>>>;

/**
 * labpulse_queue_jobs{queue,state}, read from Redis when scraped: one getJobCounts per queue, all
 * at once, bounded by a timeout so a scrape during a Redis outage answers (without depths) instead
 * of hanging on the offline queue.
 */
export function registerQueueDepthGauge(metrics: AppMetrics, queues: readonly string[], count: QueueCounter, timeoutMs = 1_000): Gauge<'queue' | 'state'> {
  return new Gauge({
    name: 'labpulse_queue_jobs',
    help: 'Jobs per queue and state (waiting, prioritized, active, delayed, failed), read from Redis at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [metrics.registry],
    async collect() {
      this.reset();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), timeoutMs);
      });
      const counts = Promise.all(queues.map(async (queue) => ({ queue, counts: await count(queue) }))).catch(() => null);
      try {
        const result = await Promise.race([counts, timeout]);
        for (const { queue, counts: byState } of result ?? []) {
          for (const state of DEPTH_STATES) this.set({ queue, state }, byState[state] ?? 0);
        }
      } finally {
        clearTimeout(timer);
      }
    },
  });
}
