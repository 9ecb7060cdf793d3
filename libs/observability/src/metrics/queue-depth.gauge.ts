import { Gauge } from 'prom-client';
import type { AppMetrics } from './app-metrics';

// prioritized: BullMQ counts jobs with a priority (backlog scoring) apart from waiting.
export const DEPTH_STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;
export type DepthState = (typeof DEPTH_STATES)[number];

/** Counts of one queue's jobs per state (BullMQ getJobCounts). */
export type QueueCounter = (queue: string) => Promise<Partial<Record<DepthState, number>>>;

// Each registry's gauge and the queues it reports, with how to count each.
const depthGauges = new WeakMap<AppMetrics, Map<string, QueueCounter>>();

/**
 * labpulse_queue_jobs{queue,state}, read from Redis when scraped: one getJobCounts per queue, all
 * at once, bounded by a timeout so a scrape during a Redis outage answers (without depths) instead
 * of hanging on the offline queue. Called again on the same registry (an api and a worker sharing
 * one in `npm start`), it adds the queues not yet reported: every queue appears once.
 */
export function registerQueueDepthGauge(
  metrics: AppMetrics,
  queues: readonly string[],
  count: QueueCounter,
  timeoutMs = 1_000,
): void {
  let counters = depthGauges.get(metrics);
  if (!counters) {
    const registered = new Map<string, QueueCounter>();
    counters = registered;
    depthGauges.set(metrics, registered);
    new Gauge({
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
        const counts = Promise.all(
          [...registered].map(async ([queue, counter]) => ({ queue, counts: await counter(queue) })),
        ).catch(() => null);
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
  for (const queue of queues) if (!counters.has(queue)) counters.set(queue, count);
}
