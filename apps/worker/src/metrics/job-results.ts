import type { AppMetrics } from '@labpulse/observability';
import type { QueueName } from '@labpulse/queue';

/**
 * Pipeline counters read from what a job returns, so processors and services stay free of metric
 * calls: poll summaries (fetched, newPosts), score results (scored), aggregate results (buckets).
 */
export function recordJobResult(metrics: AppMetrics, queue: QueueName, jobName: string, result: unknown): void {
  if (typeof result !== 'object' || result === null) return;
  const r = result as Record<string, unknown>;
  const count = (key: string) => (typeof r[key] === 'number' && Number.isFinite(r[key]) ? r[key] : 0);
  switch (queue) {
    case 'poll-x':
    case 'poll-facebook':
    case 'poll-linkedin':
    case 'import': {
      // Import files mix platforms; they are counted as their own "platform".
      const platform = queue === 'import' ? 'import' : queue.slice('poll-'.length);
      metrics.postsFetched.inc({ platform }, count('fetched'));
      metrics.postsStored.inc({ platform }, count('newPosts'));
      break;
    }
    case 'score':
      if (jobName === 'score') metrics.postsScored.inc(count('scored'));
      break;
    case 'aggregate':
      metrics.bucketsAggregated.inc(count('buckets'));
      break;
    default:
      break;
  }
}
