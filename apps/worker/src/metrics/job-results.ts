import type { AppMetrics } from '@labpulse/observability';
import type { CompletedJob } from '../jobs/job-result-catalogue';

/**
 * Pipeline counters read from what a job returns, so processors and services stay free of metric
 * calls: poll summaries (fetched, newPosts), score results (scored), aggregate results (buckets).
 * Results are typed by the result catalogue, so a renamed field is a compile error here.
 */
export function recordJobResult(metrics: AppMetrics, done: CompletedJob): void {
  switch (done.queue) {
    case 'poll-x':
    case 'poll-facebook':
    case 'poll-linkedin':
    case 'import': {
      // Import files mix platforms; they are counted as their own "platform".
      const platform = done.queue === 'import' ? 'import' : done.queue.slice('poll-'.length);
      metrics.postsFetched.inc({ platform }, done.result.fetched);
      metrics.postsStored.inc({ platform }, done.result.newPosts);
      break;
    }
    case 'score':
      // Re-scores replace scores already counted once; only first scores count.
      if (done.name === 'score') metrics.postsScored.inc(done.result.scored);
      break;
    case 'aggregate':
      metrics.bucketsAggregated.inc(done.result.buckets);
      break;
    default:
      break;
  }
}
