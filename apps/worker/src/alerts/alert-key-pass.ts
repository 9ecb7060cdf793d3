import {
  type AlertEpisode,
  type AlertEventDraft,
  type AlertKeyState,
  type CompiledRule,
  type MetricBucket,
  advanceEpisode,
  evaluateAlertRule,
} from '@labpulse/alerts';
import type { EvaluationWrite, StoredKeyState } from '@labpulse/persistence';
import { type EvaluationStep, INITIAL_LIFECYCLE_STATE, type LifecycleState } from '@labpulse/timeseries';

export interface KeyPassInput {
  readonly compiled: CompiledRule;
  readonly dedupeKey: string;
  readonly sendResolved: boolean;
  readonly stored: StoredKeyState;
  /** Gap-free series from `first - (historyBuckets - 1)` buckets through `last`, coverage attached. */
  readonly series: readonly MetricBucket[];
  /** First and last bucket start (epoch ms) to evaluate; both in the series. */
  readonly first: number;
  readonly last: number;
  readonly newEpisodeId: () => string;
  /** Appended to every evaluation's reason (which platforms were not collecting). */
  readonly note?: string;
  /**
   * Set when the rule's own platform (not `all`) was paused by a quota: an open episode then ends
   * explicitly at the first bucket coverage suppresses, instead of staying frozen for the pause.
   */
  readonly paused?: { readonly platform: string };
}

/** An event to notify, with the episode as it was right after the event. */
export interface EventToNotify {
  readonly draft: AlertEventDraft;
  readonly episode: AlertEpisode;
}

export interface KeyPassOutput {
  readonly evaluations: EvaluationWrite[];
  /** Final state of every episode the pass touched, in the order they were first touched. */
  readonly episodes: AlertEpisode[];
  readonly events: EventToNotify[];
  readonly lifecycle: LifecycleState;
}

/**
 * Walks one key through its closed buckets, oldest first: detector, guards and lifecycle
 * (evaluateAlertRule), then the episode and its notifications (advanceEpisode). Pure: the caller
 * reads the inputs and writes the outputs in one transaction.
 */
export function runKeyPass(input: KeyPassInput): KeyPassOutput {
  const { compiled, series } = input;
  const bucketMs = compiled.bucketMs;
  const seriesStart = series[0].start;
  let state: AlertKeyState = {
    lifecycle: input.stored.lifecycle ?? INITIAL_LIFECYCLE_STATE,
    episode: input.stored.episode,
  };
  const evaluations: EvaluationWrite[] = [];
  const episodes = new Map<string, AlertEpisode>();
  const events: EventToNotify[] = [];
  const ctx = {
    dedupeKey: input.dedupeKey,
    repeatIntervalMs: compiled.repeatIntervalMs,
    sendResolved: input.sendResolved,
    newEpisodeId: input.newEpisodeId,
  };
  for (let at = input.first; at <= input.last; at += bucketMs) {
    const end = (at - seriesStart) / bucketMs + 1;
    const history = series.slice(Math.max(0, end - compiled.historyBuckets), end);
    const evaluated = evaluateAlertRule(compiled, state.lifecycle, history);
    const noted = input.note
      ? {
          ...evaluated,
          evaluation: { ...evaluated.evaluation, reason: `${evaluated.evaluation.reason}; ${input.note}` },
        }
      : evaluated;
    const step = input.paused ? endForPause(noted, state, input.paused.platform) : noted;
    const transition = advanceEpisode(state, step, ctx);
    if (transition.episode) episodes.set(transition.episode.id, transition.episode);
    for (const draft of transition.events) if (transition.episode) events.push({ draft, episode: transition.episode });
    const e = step.evaluation;
    evaluations.push({
      at,
      observed: e.observed,
      expected: e.expected,
      scale: e.scale,
      score: e.score,
      effect: e.effect,
      n: e.n,
      decision: e.decision,
      reason: e.reason,
      alertId: transition.episode?.id ?? transition.state.episode?.id ?? null,
    });
    state = transition.state;
  }
  return { evaluations, episodes: [...episodes.values()], events, lifecycle: state.lifecycle };
}

/**
 * A paused platform sends nothing to judge an open episode on, possibly for a day: rather than keep
 * it frozen as `suppressed:coverage`, the first suppressed bucket records `no_data` naming the pause
 * and ends the episode (a firing one resolves, with `alert.resolved`; a pending one is cancelled).
 * The lifecycle starts afresh without a cooldown, since nothing was seen to resolve: once the
 * platform collects again the rule evaluates normally and a condition that still holds fires anew.
 */
function endForPause(step: EvaluationStep, prev: AlertKeyState, platform: string): EvaluationStep {
  const open = prev.episode?.status === 'firing' || prev.episode?.status === 'pending';
  if (!open || step.evaluation.decision !== 'suppressed:coverage') return step;
  return {
    evaluation: {
      ...step.evaluation,
      decision: 'no_data',
      reason: `${platform} paused by its quota: the alert ends without a verdict and is evaluated again once ${platform} collects; ${step.evaluation.reason}`,
    },
    state: {
      ...INITIAL_LIFECYCLE_STATE,
      lastResolvedAt: prev.lifecycle.lastResolvedAt,
      lastPeakScore: prev.lifecycle.lastPeakScore,
    },
    transition: prev.episode?.status === 'firing' ? 'resolved' : null,
    escalated: false,
  };
}
