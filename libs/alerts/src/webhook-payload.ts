import type { BucketEvaluation } from '@labpulse/timeseries';
import { BUCKET_MS, type BucketSize, type Direction } from '@labpulse/timeseries';
import type { AlertDetector, AlertMetric, AlertPlatform, AlertSeverity } from './alert-rule';
import type { AlertEpisode, AlertEventKind } from './alert-episode';

export const WEBHOOK_EVENT_TYPES = [
  'alert.firing',
  'alert.reminder',
  'alert.escalated',
  'alert.resolved',
  'source.failing',
  'source.paused',
  'source.resumed',
  'webhook.test',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Standard Webhooks' recommended envelope. */
export interface WebhookPayload<T extends WebhookEventType = WebhookEventType, D = unknown> {
  readonly type: T;
  /** ISO 8601, when the event happened. */
  readonly timestamp: string;
  readonly data: D;
}

/** Standard Webhooks advises keeping bodies under 20 KB; we send post ids, never post bodies. */
export const MAX_WEBHOOK_BODY_BYTES = 20 * 1024;

export interface AlertPayloadData {
  readonly alertId: string;
  readonly ruleId: string;
  readonly ruleName: string;
  readonly dedupeKey: string;
  readonly sequence: number;
  readonly status: 'firing' | 'resolved';
  readonly severity: AlertSeverity;
  readonly lab: string;
  readonly platform: AlertPlatform;
  readonly metric: AlertMetric;
  readonly detector: AlertDetector;
  readonly window: { readonly start: string; readonly end: string };
  readonly direction: Direction;
  readonly observed: number | null;
  readonly expected: number | null;
  /** Directional (see BucketEvaluation.score): compared as is with `threshold` and `exitThreshold`. */
  readonly score: number | null;
  /** The rule's enter threshold. */
  readonly threshold: number;
  readonly exitThreshold: number;
  readonly sampleSize: number | null;
  readonly decision: string;
  readonly reason: string;
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  /** The most engaging posts behind the alert, by their platform's id and a link to the original. */
  readonly topPosts: readonly TopPost[];
  /** API URLs (null without PUBLIC_BASE_URL); each answers 200 to a key with the read scope. */
  readonly links: {
    /** The lab's trend over the day before the window (rule's bucket width, rule's platform). */
    readonly trend: string | null;
    /** The posts of the window, in the category the metric moved toward, most engaging first. */
    readonly posts: string | null;
    readonly alert: string | null;
    /** Every alert firing for this lab now: the other rules one burst may have fired (docs/alerting.md). */
    readonly labAlerts: string | null;
  };
}

export interface TopPost {
  readonly platform: Exclude<AlertPlatform, 'all'>;
  /** The platform's own id (X post id, Graph post or comment id, LinkedIn URN). */
  readonly externalId: string;
  /** The original on the platform, as collected; null when the platform gave none. */
  readonly url: string | null;
}

/** Which posts explain an alert (the category the metric moved toward). */
export type TopPostFilter = 'any' | 'negative' | 'positive' | 'against' | 'favor';

export interface AlertPayloadInput {
  readonly kind: AlertEventKind;
  readonly episode: AlertEpisode;
  /** The event's sequence (from AlertEventDraft). */
  readonly sequence: number;
  readonly evaluation: BucketEvaluation;
  readonly rule: {
    readonly id: string;
    readonly name: string;
    readonly metric: AlertMetric;
    readonly detector: AlertDetector;
    readonly severity: AlertSeverity;
    readonly bucket: BucketSize;
    readonly direction: Direction;
    readonly enterThreshold: number;
    readonly exitThreshold: number;
  };
  /** Lab slug as the API exposes it. */
  readonly lab: string;
  readonly platform: AlertPlatform;
  /** Evaluated window, epoch ms [start, end). */
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly topPosts?: readonly TopPost[];
  readonly topPostFilter?: TopPostFilter;
  /** Public base URL of the API/dashboard, for links; omitted links are null. */
  readonly baseUrl?: string;
  /** When the event is emitted (defaults to the evaluated bucket's end). */
  readonly occurredAt?: Date;
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const TREND_INTERVAL: Readonly<Record<BucketSize, string>> = { '5m': '5m', '1h': 'hour', '1d': 'day' };
// The trend link shows this many buckets before the window's end: the baseline the burst stands out from.
const TREND_LINK_BUCKETS = 24;

function alertLinks(input: AlertPayloadInput): AlertPayloadData['links'] {
  const base = input.baseUrl?.replace(/\/+$/, '');
  if (!base) return { trend: null, posts: null, alert: null, labAlerts: null };
  const lab = encodeURIComponent(input.lab);
  const bucketMs = BUCKET_MS[input.rule.bucket];
  const trend = new URLSearchParams({
    labs: input.lab,
    interval: TREND_INTERVAL[input.rule.bucket],
    from: new Date(input.windowEnd - TREND_LINK_BUCKETS * bucketMs).toISOString(),
    to: new Date(input.windowEnd).toISOString(),
  });
  const posts = new URLSearchParams({
    from: new Date(input.windowStart).toISOString(),
    to: new Date(input.windowEnd).toISOString(),
    sort: 'engagement',
  });
  if (input.platform !== 'all') {
    trend.set('platforms', input.platform);
    posts.set('platform', input.platform);
  }
  const filter = input.topPostFilter ?? 'any';
  if (filter === 'negative' || filter === 'positive') posts.set('sentiment', filter);
  if (filter === 'against' || filter === 'favor') posts.set('stance', filter);
  return {
    trend: `${base}/v1/trends?${trend.toString()}`,
    posts: `${base}/v1/labs/${lab}/posts?${posts.toString()}`,
    alert: `${base}/v1/alerts/${encodeURIComponent(input.episode.id)}`,
    labAlerts: `${base}/v1/alerts?${new URLSearchParams({ lab: input.lab, status: 'firing' }).toString()}`,
  };
}

const ALERT_TYPES: Readonly<Record<AlertEventKind, WebhookEventType>> = {
  firing: 'alert.firing',
  reminder: 'alert.reminder',
  escalated: 'alert.escalated',
  resolved: 'alert.resolved',
};

/** `alert.firing`, `alert.reminder`, `alert.escalated` or `alert.resolved`, by the event kind. */
export function buildAlertPayload(input: AlertPayloadInput): WebhookPayload<WebhookEventType, AlertPayloadData> {
  const { episode, evaluation, rule } = input;
  return {
    type: ALERT_TYPES[input.kind],
    timestamp: (input.occurredAt ?? new Date(input.windowEnd)).toISOString(),
    data: {
      alertId: episode.id,
      ruleId: rule.id,
      ruleName: rule.name,
      dedupeKey: episode.dedupeKey,
      sequence: input.sequence,
      status: input.kind === 'resolved' ? 'resolved' : 'firing',
      severity: rule.severity,
      lab: input.lab,
      platform: input.platform,
      metric: rule.metric,
      detector: rule.detector,
      direction: rule.direction,
      window: { start: new Date(input.windowStart).toISOString(), end: new Date(input.windowEnd).toISOString() },
      observed: evaluation.observed,
      expected: evaluation.expected,
      score: evaluation.score,
      threshold: rule.enterThreshold,
      exitThreshold: rule.exitThreshold,
      sampleSize: evaluation.n,
      decision: evaluation.decision,
      reason: evaluation.reason,
      startsAt: iso(episode.startsAt),
      endsAt: input.kind === 'resolved' ? iso(episode.endsAt) : null,
      topPosts: (input.topPosts ?? []).slice(0, 20),
      links: alertLinks(input),
    },
  };
}

export function buildAlertFiringPayload(
  input: Omit<AlertPayloadInput, 'kind'>,
): WebhookPayload<WebhookEventType, AlertPayloadData> {
  return buildAlertPayload({ ...input, kind: 'firing' });
}

export function buildAlertResolvedPayload(
  input: Omit<AlertPayloadInput, 'kind'>,
): WebhookPayload<WebhookEventType, AlertPayloadData> {
  return buildAlertPayload({ ...input, kind: 'resolved' });
}

export interface SourceFailingData {
  readonly sourceId: string;
  readonly sourceName: string;
  readonly platform: Exclude<AlertPlatform, 'all'>;
  /** When collection started failing (ISO 8601). */
  readonly failingSince: string;
  readonly lastError: string | null;
  /** Fraction of the recent window with healthy collection (0..1). */
  readonly coverage: number | null;
  /** Labs whose sentiment alerts are suppressed meanwhile. */
  readonly suppressedLabs: readonly string[];
}

export function buildSourceFailingPayload(
  data: Omit<SourceFailingData, 'failingSince' | 'lastError'> & { failingSince: Date; lastError?: string | null },
  occurredAt: Date,
): WebhookPayload<'source.failing', SourceFailingData> {
  return {
    type: 'source.failing',
    timestamp: occurredAt.toISOString(),
    data: {
      sourceId: data.sourceId,
      sourceName: data.sourceName,
      platform: data.platform,
      failingSince: data.failingSince.toISOString(),
      // Error text comes from third-party responses: keep it short.
      lastError: data.lastError ? data.lastError.slice(0, 500) : null,
      coverage: data.coverage,
      suppressedLabs: data.suppressedLabs,
    },
  };
}

export interface WebhookTestData {
  readonly endpointId: string;
  readonly message: string;
}

export function buildWebhookTestPayload(
  endpointId: string,
  occurredAt: Date,
): WebhookPayload<'webhook.test', WebhookTestData> {
  return {
    type: 'webhook.test',
    timestamp: occurredAt.toISOString(),
    data: { endpointId, message: 'LabPulse test event: your endpoint received and can verify this delivery.' },
  };
}

/**
 * Minified JSON, computed once and stored with the delivery, so every retry signs and
 * sends the same bytes. Throws when the body exceeds MAX_WEBHOOK_BODY_BYTES.
 */
export function serializeWebhookPayload(payload: WebhookPayload): string {
  const body = JSON.stringify(payload);
  const size = Buffer.byteLength(body, 'utf8');
  if (size > MAX_WEBHOOK_BODY_BYTES)
    throw new RangeError(`webhook body is ${size} bytes, above ${MAX_WEBHOOK_BODY_BYTES}`);
  return body;
}

/** `webhook-id` for a delivery: stable across retries, no '.' (it is part of the signed content). */
export function webhookMessageId(deliveryId: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(deliveryId)) throw new RangeError('delivery id must be [A-Za-z0-9_-]+');
  return `msg_${deliveryId}`;
}
