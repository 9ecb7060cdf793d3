import type { SourceKind } from '@labpulse/connectors';
import type { SourceEntity, SourceStatus } from '@labpulse/persistence';

/** What the scheduler last saw of a source, and when it may poll it next. */
export interface SourceHealthView {
  status: SourceStatus;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  postsCollected: number;
  /** The later of next_poll_at and paused_until; null when nothing will poll it (disabled, auth_failed, import). */
  nextPollAt: string | null;
  pausedUntil: string | null;
  /** While paused: the platform's reason (the stored error of the pausing answer). */
  pauseReason: string | null;
}

/** A source as the API returns it. Credentials are not part of a source, so none can appear here. */
export interface SourceView {
  id: string;
  kind: SourceKind;
  name: string;
  target: string;
  options: Record<string, unknown>;
  pollIntervalSeconds: number;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  health: SourceHealthView;
}

/** `redact` scrubs the configured tokens from stored error text, in case a platform echoed one. */
export function toSourceView(source: SourceEntity, redact: (text: string) => string): SourceView {
  return {
    id: source.id,
    kind: source.kind,
    name: source.name,
    target: source.target,
    options: source.options,
    pollIntervalSeconds: source.pollIntervalSeconds,
    enabled: source.enabled,
    createdAt: source.createdAt.toISOString(),
    updatedAt: source.updatedAt.toISOString(),
    health: {
      status: source.status,
      lastPollAt: iso(source.lastPollAt),
      lastSuccessAt: iso(source.lastSuccessAt),
      lastError: source.lastError === null ? null : redact(source.lastError),
      consecutiveFailures: source.consecutiveFailures,
      postsCollected: Number(source.postsCollected),
      nextPollAt: iso(nextPoll(source)),
      pausedUntil: iso(source.pausedUntil),
      pauseReason: source.status === 'paused' && source.lastError !== null ? redact(source.lastError) : null,
    },
  };
}

function nextPoll(source: SourceEntity): Date | null {
  // Imports run once from the CLI; the scheduler never picks them, nor disabled or auth_failed sources.
  if (!source.enabled || source.status === 'auth_failed' || source.kind === 'import') return null;
  const paused = source.pausedUntil;
  return paused && paused > source.nextPollAt ? paused : source.nextPollAt;
}

function iso(date: Date | null): string | null {
  return date === null ? null : date.toISOString();
}
