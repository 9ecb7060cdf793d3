import type { Platform, SourceKind } from '@labpulse/connectors';

/**
 * Every queue, job name and payload in one place. Payloads carry ids, never post bodies;
 * handlers re-read state and exit quietly when the work is no longer wanted.
 */
export interface JobCatalogue {
  schedule: { fanout: Record<string, never> };
  'poll-x': { poll: PollPayload };
  'poll-facebook': { poll: PollPayload };
  'poll-linkedin': { poll: PollPayload };
  import: { poll: PollPayload };
  score: { score: ScorePayload };
  aggregate: { aggregate: Record<string, never> };
}

export interface PollPayload {
  sourceId: string;
}

export interface ScorePayload {
  /** bigint post ids as strings, a few hundred per job. */
  postIds: string[];
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
] as const satisfies readonly QueueName[];

/** One job: a (queue, name, data) triple that must match the catalogue. */
export type AnyJob = {
  [Q in QueueName]: { [N in keyof JobCatalogue[Q]]: { queue: Q; name: N; data: JobCatalogue[Q][N] } }[keyof JobCatalogue[Q]];
}[QueueName];

export type PollQueueName = 'poll-x' | 'poll-facebook' | 'poll-linkedin' | 'import';

/** Each platform has its own poll queue so each can have its own limiter and be delayed alone. */
export const POLL_QUEUE_BY_PLATFORM: Record<Platform, PollQueueName> = {
  x: 'poll-x',
  facebook: 'poll-facebook',
  linkedin: 'poll-linkedin',
};

export const POLL_QUEUE_BY_KIND: Record<SourceKind, PollQueueName> = {
  x_search: 'poll-x',
  facebook_page: 'poll-facebook',
  linkedin_org: 'poll-linkedin',
  import: 'import',
};
