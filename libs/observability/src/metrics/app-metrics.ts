import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds; from a fast API answer to a long poll or import job. */
const JOB_SECONDS = [0.005, 0.025, 0.1, 0.25, 1, 2.5, 10, 30, 60, 300];
const HTTP_SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/**
 * One process's Prometheus registry and the metrics LabPulse records, each with bounded labels
 * (queue and platform names, outcomes, route patterns; never ids or raw URLs). Each app owns its
 * own registry, so an api and a worker booted in one process (npm start, tests) stay apart.
 */
export class AppMetrics {
  readonly registry = new Registry();

  readonly postsFetched = new Counter({
    name: 'labpulse_posts_fetched_total',
    help: 'Posts read from a platform (or an import file) by poll jobs',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });

  readonly postsStored = new Counter({
    name: 'labpulse_posts_stored_total',
    help: 'Posts stored for the first time by poll jobs (fetched minus duplicates and rejects)',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });

  readonly postsScored = new Counter({
    name: 'labpulse_posts_scored_total',
    help: 'Posts scored for the first time with the current model version',
    registers: [this.registry],
  });

  readonly bucketsAggregated = new Counter({
    name: 'labpulse_rollup_buckets_aggregated_total',
    help: '5-minute rollup buckets recomputed (with their hour and day buckets) by aggregate jobs',
    registers: [this.registry],
  });

  readonly jobDuration = new Histogram({
    name: 'labpulse_job_duration_seconds',
    help: 'Time a job ran in this worker, by queue and outcome (completed, failed, rate_limited)',
    labelNames: ['queue', 'outcome'] as const,
    buckets: JOB_SECONDS,
    registers: [this.registry],
  });

  readonly jobFailures = new Counter({
    name: 'labpulse_job_failures_total',
    help: 'Failed job attempts by queue (each retry counts), as reported by the BullMQ worker',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });

  readonly webhookDeliveries = new Counter({
    name: 'labpulse_webhook_delivery_attempts_total',
    help: 'Webhook delivery attempts by outcome (delivered, retry, exhausted, gone, aborted, blocked)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly sourcePauses = new Counter({
    name: 'labpulse_source_pauses_total',
    help: 'Sources paused by a platform quota, by platform and scope (source: its own quota; platform: a platform-wide throttle)',
    labelNames: ['platform', 'scope'] as const,
    registers: [this.registry],
  });

  readonly sourceResumes = new Counter({
    name: 'labpulse_source_resumes_total',
    help: 'Paused sources collecting again, by platform and trigger (operator: POST /v1/sources/:id/resume; expired: a poll after the pause)',
    labelNames: ['platform', 'trigger'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'labpulse_http_request_duration_seconds',
    help: 'API request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_SECONDS,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** The exposition text and its content type, for a /metrics answer. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
