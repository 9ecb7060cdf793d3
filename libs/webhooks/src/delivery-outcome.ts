import { parseRetryAfter } from './retry-schedule';

/** What the delivery worker does with one attempt's HTTP response. */
export type DeliveryOutcome =
  | { readonly kind: 'delivered' }
  /** 410 Gone: disable the endpoint at once, no retries. */
  | { readonly kind: 'gone' }
  /** The receiver answered `webhook-delivery: abort-message` (Svix): stop retrying this message. */
  | { readonly kind: 'aborted' }
  /** Anything else, 3xx included (redirects are never followed): retry on the schedule. */
  | { readonly kind: 'retry'; readonly retryAfterMs: number | null; readonly reason: string };

export function classifyDeliveryResponse(
  status: number,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  nowMs: number,
): DeliveryOutcome {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const header = (name: string): string | undefined => {
    const v = lower.get(name);
    return Array.isArray(v) ? v[0] : v;
  };
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'gone' };
  if (header('webhook-delivery')?.trim().toLowerCase() === 'abort-message') return { kind: 'aborted' };
  const reason = status >= 300 && status < 400 ? `redirect ${status} not followed` : `http ${status}`;
  return { kind: 'retry', retryAfterMs: parseRetryAfter(header('retry-after'), nowMs), reason };
}
