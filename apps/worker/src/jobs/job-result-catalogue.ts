import type { JobCatalogue, QueueName } from '@labpulse/queue';
import type { EvaluationSummary } from '../alerts/alert-evaluation.service';
import type { DeliverySummary } from '../deliver/delivery.service';
import type { PollSummary } from '../poll/poll.service';
import type { FanoutResult } from '../schedule/fanout.service';
import type { RetentionJobResult } from '../schedule/retention.service';
import type { RescoreResult } from '../score/rescore.service';
import type { ScoreResult } from '../score/score.service';

/** Every (queue, job name) of the job catalogue, each mapped to anything: the shape results must cover. */
type ResultSlots = { [Q in QueueName]: { [N in keyof JobCatalogue[Q]]: unknown } };

/**
 * What each job returns, keyed like the job catalogue. Extending ResultSlots makes a queue or job
 * name missing here a compile error; metrics read these fields by type, not by string.
 */
export interface JobResultCatalogue extends ResultSlots {
  schedule: { fanout: FanoutResult; retention: RetentionJobResult };
  'poll-x': { poll: PollSummary };
  'poll-facebook': { poll: PollSummary };
  'poll-linkedin': { poll: PollSummary };
  import: { poll: PollSummary };
  score: { score: ScoreResult; rescore: RescoreResult };
  aggregate: { aggregate: { buckets: number } };
  evaluate: { evaluate: EvaluationSummary };
  deliver: { deliver: DeliverySummary };
}

/** What job `N` of queue `Q` returns. */
export type JobResult<Q extends QueueName, N> = N extends keyof JobResultCatalogue[Q]
  ? JobResultCatalogue[Q][N]
  : never;

/** One finished job: its queue, name and typed result (what the metrics switch on). */
export type CompletedJob = {
  [Q in QueueName]: {
    [N in keyof JobCatalogue[Q]]: { queue: Q; name: N; result: JobResult<Q, N> };
  }[keyof JobCatalogue[Q]];
}[QueueName];
