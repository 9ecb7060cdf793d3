import { WEBHOOK_EVENT_TYPES } from '@labpulse/alerts';

/** Types an endpoint can subscribe to; `webhook.test` is sent on request to the endpoint it targets. */
export const SUBSCRIBABLE_EVENT_TYPES = WEBHOOK_EVENT_TYPES.filter((t) => t !== 'webhook.test');
export const EVENT_TYPES_MESSAGE = `eventTypes must be a non-empty list of ${SUBSCRIBABLE_EVENT_TYPES.join(', ')}`;
// Longer than the 2 KB limit so checkWebhookUrl, not the DTO, explains what is wrong.
export const URL_SHAPE_LIMIT = 65_536;
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'skipped'] as const;
