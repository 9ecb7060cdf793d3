import type { SourceKind } from '@labpulse/connectors';

/**
 * Every queue, job name and payload in one place. Payloads carry ids, never post bodies;
 * handlers re-read state and exit quietly when the work is no longer wanted.
 */
export interface JobCatalogue {
  // retention: one bounded pass of the raw-post retention (docs/data-lifecycle.md)
  schedule: { fanout: Record<string, never>; retention: Record<string, never> };
  'poll-x': { poll: PollPayload };
  'poll-facebook': { poll: PollPayload };
  'poll-linkedin': { poll: PollPayload };
  import: { poll: PollPayload };
  score: { score: ScorePayload; rescore: RescorePayload };
  aggregate: { aggregate: Record<string, never> };
  evaluate: { evaluate: EvaluatePayload };
  deliver: { deliver: DeliverPayload };
}

export interface PollPayload {
  sourceId: string;
}

export interface ScorePayload {
  /** bigint post ids as strings, a few hundred per job. */
  postIds: string[];
  /** Posts published long before they were collected (a first poll's backlog): scored after fresh ones. */
  backfill?: boolean;
}

/** Evaluates every enabled alert rule over the buckets closed since its last pass. */
export interface EvaluatePayload {
  /** ISO 8601 instant to evaluate at (replays, tests); absent = the evaluator's clock. */
  now?: string;
}

/** One webhook delivery (the outbox row holds the body); `round` is bumped by each replay. */
export interface DeliverPayload {
  deliveryId: string;
  round: number;
}

/** Re-scores posts published in [from, to) with the current model, one UTC day at a time. */
export interface RescorePayload {
  from: string;
  to: string;
}

export type QueueName = keyof JobCatalogue;

export const QUEUE_NAMES = [
  'schedule',
  'poll-x',
  'poll-facebook',
  'poll-linkedin',
  'import',
  'score',
  'aggregate',
  'evaluate',
  'deliver',
] as const satisfies readonly QueueName[];

/** One job: a (queue, name, data) triple that must match the catalogue. */
export type AnyJob = {
  [Q in QueueName]: {
    [N in keyof JobCatalogue[Q]]: { queue: Q; name: N; data: JobCatalogue[Q][N] };
  }[keyof JobCatalogue[Q]];
}[QueueName];

export type PollQueueName = 'poll-x' | 'poll-facebook' | 'poll-linkedin' | 'import';

export const POLL_QUEUE_BY_KIND: Record<SourceKind, PollQueueName> = {
  x_search: 'poll-x',
  facebook_page: 'poll-facebook',
  linkedin_org: 'poll-linkedin',
  import: 'import',
};
