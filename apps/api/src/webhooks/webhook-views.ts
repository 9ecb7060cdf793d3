import type { WebhookAttemptRecord, WebhookDeliveryRecord, WebhookEndpointRecord } from '@labpulse/persistence';
import { SUBSCRIBABLE_EVENT_TYPES } from './webhook-fields';

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** An endpoint as every read returns it: never its secret. */
export interface WebhookView {
  id: string;
  url: string;
  description: string;
  /** For an all-events endpoint, every type there is now. */
  eventTypes: string[];
  /** Created without a list: gets every event type, including ones added later. */
  allEvents: boolean;
  status: string;
  /** Why it was disabled: gone (410), failing (days of failures), blocked_address, manual. */
  disabledReason: string | null;
  disabledAt: string | null;
  failingSince: string | null;
  consecutiveFailures: number;
  lastSuccessAt: string | null;
  /** During a rotation, until when the previous secret still signs. */
  previousSecretExpiresAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Creation and rotation answers: the only places the secret appears. */
export interface WebhookWithSecretView extends WebhookView {
  secret: string;
}

export interface DeliveryView {
  id: string;
  /** The webhook-id header receivers dedupe on; the same for every attempt and replay. */
  webhookId: string;
  eventId: string | null;
  eventType: string;
  status: string;
  round: number;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

export interface AttemptView {
  round: number;
  attempt: number;
  startedAt: string;
  webhookTimestamp: number;
  durationMs: number | null;
  statusCode: number | null;
  outcome: string | null;
  errorClass: string | null;
  error: string | null;
  responseSnippet: string | null;
  nextAttemptAt: string | null;
}

export interface DeliveryDetailView extends DeliveryView {
  /** The exact bytes signed and sent. */
  body: string;
  attemptLog: AttemptView[];
}

export function toWebhookView(e: WebhookEndpointRecord): WebhookView {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    eventTypes: e.allEvents ? [...SUBSCRIBABLE_EVENT_TYPES] : e.eventTypes,
    allEvents: e.allEvents,
    status: e.status,
    disabledReason: e.disabledReason,
    disabledAt: iso(e.disabledAt),
    failingSince: iso(e.failingSince),
    consecutiveFailures: e.consecutiveFailures,
    lastSuccessAt: iso(e.lastSuccessAt),
    previousSecretExpiresAt: iso(e.previousSecretExpiresAt),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function toDeliveryView(d: WebhookDeliveryRecord, webhookId: string): DeliveryView {
  return {
    id: d.id,
    webhookId,
    eventId: d.eventId,
    eventType: d.eventType,
    status: d.status,
    round: d.round,
    attempts: d.attempts,
    nextAttemptAt: iso(d.nextAttemptAt),
    lastAttemptAt: iso(d.lastAttemptAt),
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    deliveredAt: iso(d.deliveredAt),
    createdAt: d.createdAt.toISOString(),
  };
}

export function toAttemptView(a: WebhookAttemptRecord): AttemptView {
  return {
    round: a.round,
    attempt: a.attempt,
    startedAt: a.startedAt.toISOString(),
    webhookTimestamp: a.webhookTimestamp,
    durationMs: a.durationMs,
    statusCode: a.statusCode,
    outcome: a.outcome,
    errorClass: a.errorClass,
    error: a.error,
    responseSnippet: a.responseSnippet,
    nextAttemptAt: iso(a.nextAttemptAt),
  };
}
