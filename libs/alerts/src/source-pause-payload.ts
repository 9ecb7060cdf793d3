import type { AlertPlatform } from './alert-rule';
import { serializeWebhookPayload, type WebhookPayload } from './webhook-payload';

type Platform = Exclude<AlertPlatform, 'all'>;

/** Who paused a source: its own quota (LinkedIn daily 429, X usage cap) or the platform's throttle. */
export type PauseScope = 'source' | 'platform';
/** What ended a pause: an operator (`POST /v1/sources/:id/resume`) or a successful poll after it. */
export type ResumeTrigger = 'operator' | 'expired';

export interface SourceRef {
  readonly id: string;
  readonly name: string;
  readonly platform: Platform;
}

export interface SourcePausedData {
  readonly sourceId: string;
  readonly sourceName: string;
  readonly platform: Platform;
  readonly scope: PauseScope;
  /** ISO 8601: when polling resumes by itself. */
  readonly pausedUntil: string;
  /** The platform's answer, e.g. "LinkedIn daily limit reached (...)". */
  readonly reason: string;
  readonly links: { readonly source: string | null; readonly resume: string | null };
}

export interface SourceResumedData {
  readonly sourceId: string;
  readonly sourceName: string;
  readonly platform: Platform;
  readonly trigger: ResumeTrigger;
  /** When the pause that ended would have ended by itself. */
  readonly pausedUntil: string | null;
  readonly links: { readonly source: string | null };
}

/** The outbox row of a pause event (structurally an OutboxRepository NewOutboxEvent). */
export interface SourcePauseEvent {
  readonly type: 'source.paused' | 'source.resumed';
  /** One event per pause (source and its end time) and one per its end. */
  readonly dedupeKey: string;
  readonly alertId: null;
  readonly sourceId: string;
  readonly sequence: null;
  readonly occurredAt: Date;
  readonly body: string;
}

function sourceLink(baseUrl: string | null | undefined, id: string, suffix = ''): string | null {
  const base = baseUrl?.replace(/\/+$/, '');
  return base ? `${base}/v1/sources/${encodeURIComponent(id)}${suffix}` : null;
}

export function sourcePausedEvent(
  source: SourceRef,
  pause: { scope: PauseScope; until: Date; reason: string },
  occurredAt: Date,
  baseUrl?: string | null,
): SourcePauseEvent {
  const payload: WebhookPayload<'source.paused', SourcePausedData> = {
    type: 'source.paused',
    timestamp: occurredAt.toISOString(),
    data: {
      sourceId: source.id,
      sourceName: source.name,
      platform: source.platform,
      scope: pause.scope,
      pausedUntil: pause.until.toISOString(),
      // Error text comes from third-party responses: keep it short.
      reason: pause.reason.slice(0, 500),
      links: { source: sourceLink(baseUrl, source.id), resume: sourceLink(baseUrl, source.id, '/resume') },
    },
  };
  return {
    type: 'source.paused',
    dedupeKey: `source-paused:${source.id}:${pause.until.toISOString()}`,
    alertId: null,
    sourceId: source.id,
    sequence: null,
    occurredAt,
    body: serializeWebhookPayload(payload),
  };
}

export function sourceResumedEvent(
  source: SourceRef,
  resume: { trigger: ResumeTrigger; pausedUntil: Date | null },
  occurredAt: Date,
  baseUrl?: string | null,
): SourcePauseEvent {
  const payload: WebhookPayload<'source.resumed', SourceResumedData> = {
    type: 'source.resumed',
    timestamp: occurredAt.toISOString(),
    data: {
      sourceId: source.id,
      sourceName: source.name,
      platform: source.platform,
      trigger: resume.trigger,
      pausedUntil: resume.pausedUntil?.toISOString() ?? null,
      links: { source: sourceLink(baseUrl, source.id) },
    },
  };
  return {
    type: 'source.resumed',
    // Keyed by the pause it ends: an operator resume and the poll right after it send one event.
    dedupeKey: `source-resumed:${source.id}:${resume.pausedUntil?.toISOString() ?? 'unknown'}`,
    alertId: null,
    sourceId: source.id,
    sequence: null,
    occurredAt,
    body: serializeWebhookPayload(payload),
  };
}
