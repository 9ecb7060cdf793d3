import type { AlertEvaluationRecord, AlertEventRecord, AlertRecord } from '@labpulse/persistence';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export interface AlertView {
  id: string;
  ruleId: string | null;
  ruleVersion: number;
  lab: string;
  platform: string;
  metric: string;
  direction: string;
  dedupeKey: string;
  status: string;
  /** Bucket where the condition first held. */
  openedAt: string;
  /** Bucket that fired it; null while pending. */
  startsAt: string | null;
  /** Bucket that resolved or cancelled it; null while open. */
  endsAt: string | null;
  sequence: number;
  lastNotifiedAt: string | null;
  peakScore: number | null;
  escalated: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface EvaluationView {
  id: string;
  ruleId: string;
  lab: string;
  platform: string;
  alertId: string | null;
  bucketStart: string;
  observed: number | null;
  expected: number | null;
  scale: number | null;
  score: number | null;
  effect: number | null;
  n: number | null;
  decision: string;
  reason: string;
  evaluatedAt: string;
}

export interface AlertEventView {
  id: string;
  type: string;
  sequence: number | null;
  occurredAt: string;
  payload: unknown;
}

export interface AlertDetailView extends AlertView {
  /** The rule as it was when the episode opened. */
  rule: Record<string, unknown>;
  events: AlertEventView[];
  /** The decisions behind the episode, newest first. */
  evaluations: EvaluationView[];
}

export function toAlertView(a: AlertRecord): AlertView {
  return {
    id: a.id,
    ruleId: a.ruleId,
    ruleVersion: a.ruleVersion,
    lab: a.labSlug,
    platform: a.platform,
    metric: a.metric,
    direction: a.direction,
    dedupeKey: a.dedupeKey,
    status: a.status,
    openedAt: a.openedAt.toISOString(),
    startsAt: iso(a.startsAt),
    endsAt: iso(a.endsAt),
    sequence: a.sequence,
    lastNotifiedAt: iso(a.lastNotifiedAt),
    peakScore: a.peakScore,
    escalated: a.escalated,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function toEvaluationView(e: AlertEvaluationRecord): EvaluationView {
  return {
    id: e.id,
    ruleId: e.ruleId,
    lab: e.labSlug,
    platform: e.platform,
    alertId: e.alertId,
    bucketStart: e.bucketStart.toISOString(),
    observed: e.observed,
    expected: e.expected,
    scale: e.scale,
    score: e.score,
    effect: e.effect,
    n: e.n,
    decision: e.decision,
    reason: e.reason,
    evaluatedAt: e.evaluatedAt.toISOString(),
  };
}

export function toEventView(e: AlertEventRecord): AlertEventView {
  return { id: e.id, type: e.type, sequence: e.sequence, occurredAt: e.occurredAt.toISOString(), payload: e.payload };
}
