import type { SourceStatus } from '@labpulse/persistence';

/** Faster than this hammers a platform's quota; slower than a day risks gaps (X recent search keeps 7 days). */
export const MIN_POLL_INTERVAL_SECONDS = 10;
export const MAX_POLL_INTERVAL_SECONDS = 86_400;
export const DEFAULT_POLL_INTERVAL_SECONDS = 300;

export const SOURCE_STATUSES = ['ok', 'failing', 'paused', 'auth_failed'] as const satisfies readonly SourceStatus[];

export const NAME_MAX = 200;
/** X's longest query (4,096 characters, Enterprise) is the longest target of any kind. */
export const TARGET_MAX = 4_096;
