/**
 * Disable-after-failing rules for a webhook endpoint: Svix disables an endpoint whose
 * deliveries have all failed for 5 days; GitLab's permanent threshold is 40 consecutive
 * failures. Either trips here; any success resets both.
 */
const DAY_MS = 24 * 60 * 60 * 1000;

export interface EndpointHealth {
  /** First failure since the last success; null while healthy. */
  readonly failingSince: number | null;
  readonly consecutiveFailures: number;
  readonly lastSuccessAt: number | null;
}

export const HEALTHY_ENDPOINT: EndpointHealth = { failingSince: null, consecutiveFailures: 0, lastSuccessAt: null };

export interface EndpointDisablePolicy {
  /** Disable after failing continuously this long (Svix: 5 days). */
  readonly failingForMs: number;
  /** The failing clock only counts once there have been at least this many failures. */
  readonly minFailures: number;
  /** Disable after this many consecutive failed attempts regardless of time (GitLab: 40). */
  readonly maxConsecutiveFailures: number;
}

export const DEFAULT_DISABLE_POLICY: EndpointDisablePolicy = {
  failingForMs: 5 * DAY_MS,
  minFailures: 2,
  maxConsecutiveFailures: 40,
};

export function recordAttemptResult(health: EndpointHealth, succeeded: boolean, at: number): EndpointHealth {
  if (succeeded) return { failingSince: null, consecutiveFailures: 0, lastSuccessAt: at };
  return { ...health, failingSince: health.failingSince ?? at, consecutiveFailures: health.consecutiveFailures + 1 };
}

export type DisableReason = 'failing' | 'gone' | 'blocked_address';

/** The reason to disable the endpoint now, or null to keep it. */
export function endpointDisableReason(
  health: EndpointHealth,
  now: number,
  policy: EndpointDisablePolicy = DEFAULT_DISABLE_POLICY,
): Extract<DisableReason, 'failing'> | null {
  if (health.failingSince === null) return null;
  if (health.consecutiveFailures >= policy.maxConsecutiveFailures) return 'failing';
  if (health.consecutiveFailures >= policy.minFailures && now - health.failingSince >= policy.failingForMs)
    return 'failing';
  return null;
}
