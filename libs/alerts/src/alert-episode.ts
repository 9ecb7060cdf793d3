import { createHash } from 'node:crypto';
import type { BucketEvaluation, Direction, EvaluationStep, LifecycleState } from '@labpulse/timeseries';
import { INITIAL_LIFECYCLE_STATE } from '@labpulse/timeseries';
import type { AlertMetric, AlertPlatform } from './alert-rule';

/** What identifies one alert stream: at most one open episode per key. */
export interface AlertKey {
  readonly ruleId: string;
  readonly labId: string;
  readonly platform: AlertPlatform;
  readonly metric: AlertMetric;
  readonly direction: Direction;
}

/**
 * sha256(rule | lab | platform | metric | direction), hex. A unique partial index on it
 * (WHERE status IN ('pending', 'firing')) makes "one open episode per key" a database fact.
 */
export function alertDedupeKey(key: AlertKey): string {
  return createHash('sha256')
    .update([key.ruleId, key.labId, key.platform, key.metric, key.direction].join('|'))
    .digest('hex');
}

export type EpisodeStatus = 'pending' | 'firing' | 'resolved' | 'cancelled';

/** One alert episode (an `alert` row). `pending` and `firing` are open; the others are final. */
export interface AlertEpisode {
  readonly id: string;
  readonly dedupeKey: string;
  readonly status: EpisodeStatus;
  /** Bucket (epoch ms) where the condition first held. */
  readonly openedAt: number;
  /** Bucket that fired; null while pending. */
  readonly startsAt: number | null;
  /** Bucket that resolved (or cancelled) it; null while open. */
  readonly endsAt: number | null;
  /** Sequence of the last event emitted; receivers order by it. */
  readonly sequence: number;
  /** When the last notification (firing, reminder, escalation) went out. */
  readonly lastNotifiedAt: number | null;
  readonly peakScore: number | null;
  readonly escalated: boolean;
}

export type AlertEventKind = 'firing' | 'reminder' | 'escalated' | 'resolved';

/** An `alert_event` row to write in the same transaction as the episode change (the outbox). */
export interface AlertEventDraft {
  readonly kind: AlertEventKind;
  readonly episodeId: string;
  readonly sequence: number;
  readonly at: number;
  readonly evaluation: BucketEvaluation;
}

/** Everything stored per key between evaluations. */
export interface AlertKeyState {
  readonly lifecycle: LifecycleState;
  readonly episode: AlertEpisode | null;
}

export const INITIAL_ALERT_KEY_STATE: AlertKeyState = { lifecycle: INITIAL_LIFECYCLE_STATE, episode: null };

export interface EpisodeContext {
  readonly dedupeKey: string;
  /** Reminder interval while firing; 0 = never. */
  readonly repeatIntervalMs: number;
  readonly sendResolved: boolean;
  /** Id for a new episode (a ULID or uuid from the caller; kept out of here so this stays pure). */
  readonly newEpisodeId: () => string;
}

export interface EpisodeTransition {
  readonly state: AlertKeyState;
  /** The episode to upsert (new, changed or just closed), or null when nothing changed. */
  readonly episode: AlertEpisode | null;
  readonly events: readonly AlertEventDraft[];
}

/**
 * Applies one evaluation step to the key's episode: pending -> firing -> resolved,
 * notifying only on transitions, escalations and every `repeatIntervalMs` while firing.
 * A pending episode whose condition goes away is `cancelled` without any notification.
 */
export function advanceEpisode(prev: AlertKeyState, step: EvaluationStep, ctx: EpisodeContext): EpisodeTransition {
  const at = step.evaluation.at;
  const decision = step.evaluation.decision;
  const score = step.evaluation.score;
  let episode =
    prev.episode && (prev.episode.status === 'pending' || prev.episode.status === 'firing') ? prev.episode : null;
  const events: AlertEventDraft[] = [];
  let changed = false;
  const emit = (kind: AlertEventKind, ep: AlertEpisode): AlertEpisode => {
    const next = { ...ep, sequence: ep.sequence + 1 };
    events.push({ kind, episodeId: next.id, sequence: next.sequence, at, evaluation: step.evaluation });
    return next;
  };
  const peak = (ep: AlertEpisode): number | null =>
    score === null ? ep.peakScore : Math.max(ep.peakScore ?? Number.NEGATIVE_INFINITY, Math.abs(score));

  if (decision === 'pending' && !episode) {
    episode = fresh(ctx, at, 'pending');
    changed = true;
  } else if (step.transition === 'fired') {
    const base = episode ?? fresh(ctx, at, 'pending');
    episode = emit('firing', { ...base, status: 'firing', startsAt: at, lastNotifiedAt: at, peakScore: peak(base) });
    // An escalation that opens the episode (the cooldown override) is said by the firing event itself.
    if (step.escalated) episode = { ...episode, escalated: true };
    changed = true;
  } else if (step.transition === 'resolved' && episode) {
    const closed: AlertEpisode = { ...episode, status: 'resolved', endsAt: at };
    episode = ctx.sendResolved ? emit('resolved', closed) : closed;
    changed = true;
  } else if (episode?.status === 'pending' && step.state.status === 'normal') {
    episode = { ...episode, status: 'cancelled', endsAt: at };
    changed = true;
  } else if (episode?.status === 'firing' && decision === 'hold') {
    const before = episode;
    episode = { ...episode, peakScore: peak(episode) };
    if (step.escalated && !episode.escalated)
      episode = emit('escalated', { ...episode, escalated: true, lastNotifiedAt: at });
    else if (
      ctx.repeatIntervalMs > 0 &&
      episode.lastNotifiedAt !== null &&
      at - episode.lastNotifiedAt >= ctx.repeatIntervalMs
    ) {
      episode = emit('reminder', { ...episode, lastNotifiedAt: at });
    }
    changed = events.length > 0 || episode.peakScore !== before.peakScore;
  }

  const open = episode && (episode.status === 'pending' || episode.status === 'firing') ? episode : null;
  return { state: { lifecycle: step.state, episode: open }, episode: changed ? episode : null, events };
}

function fresh(ctx: EpisodeContext, at: number, status: EpisodeStatus): AlertEpisode {
  return {
    id: ctx.newEpisodeId(),
    dedupeKey: ctx.dedupeKey,
    status,
    openedAt: at,
    startsAt: null,
    endsAt: null,
    sequence: 0,
    lastNotifiedAt: null,
    peakScore: null,
    escalated: false,
  };
}
