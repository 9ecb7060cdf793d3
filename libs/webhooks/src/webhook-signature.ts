import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Standard Webhooks (v1, symmetric): webhook-signature = "v1," + base64(HMAC-SHA256(key,
 * `${id}.${timestamp}.${body}`)), key = base64-decoded secret after the `whsec_` prefix.
 * Sign the exact stored body bytes: a receiver that re-serialises the JSON fails to verify.
 */
export const WEBHOOK_SECRET_PREFIX = 'whsec_';
export const MIN_SECRET_BYTES = 24;
export const MAX_SECRET_BYTES = 64;
/** The reference libraries' tolerance on webhook-timestamp, both directions. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60;

export class InvalidWebhookSecretError extends Error {
  constructor(reason: string) {
    super(`invalid webhook secret: ${reason}`);
    this.name = 'InvalidWebhookSecretError';
  }
}

/** A fresh `whsec_` secret: base64 of `byteLength` random bytes (24..64; 32 by default). */
export function generateWebhookSecret(byteLength = 32): string {
  if (!Number.isInteger(byteLength) || byteLength < MIN_SECRET_BYTES || byteLength > MAX_SECRET_BYTES) {
    throw new RangeError(`secret length must be ${MIN_SECRET_BYTES}..${MAX_SECRET_BYTES} bytes`);
  }
  return WEBHOOK_SECRET_PREFIX + randomBytes(byteLength).toString('base64');
}

/** Key bytes of a secret, with or without the prefix and the base64 padding. */
export function decodeWebhookSecret(secret: string): Buffer {
  const body = secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret;
  if (body === '') throw new InvalidWebhookSecretError('empty');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new InvalidWebhookSecretError('not base64');
  const key = Buffer.from(body, 'base64');
  if (key.length === 0) throw new InvalidWebhookSecretError('empty');
  return key;
}

/** Checks a user-supplied secret: decodable and 24..64 bytes. Returns an error message or null. */
export function checkWebhookSecret(secret: string): string | null {
  if (!secret.startsWith(WEBHOOK_SECRET_PREFIX)) return `must start with ${WEBHOOK_SECRET_PREFIX}`;
  try {
    const n = decodeWebhookSecret(secret).length;
    if (n < MIN_SECRET_BYTES || n > MAX_SECRET_BYTES)
      return `must encode ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes`;
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

function checkIdAndTimestamp(msgId: string, timestampSeconds: number): void {
  // The spec: the id and timestamp must not carry a '.', or the signed content is ambiguous.
  if (msgId === '' || msgId.includes('.')) throw new RangeError('webhook id must be non-empty and contain no "."');
  if (!Number.isSafeInteger(timestampSeconds) || timestampSeconds < 0) {
    throw new RangeError('webhook timestamp must be integer Unix seconds');
  }
}

/** One `v1,<base64>` signature over `${msgId}.${timestampSeconds}.${body}`. */
export function signWebhook(
  secret: string,
  msgId: string,
  timestampSeconds: number,
  body: string | Uint8Array,
): string {
  checkIdAndTimestamp(msgId, timestampSeconds);
  const mac = createHmac('sha256', decodeWebhookSecret(secret))
    .update(`${msgId}.${timestampSeconds}.`)
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest('base64');
  return `v1,${mac}`;
}

export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * Headers for one attempt. `secrets` holds the current secret and, during a rotation,
 * the previous one: the header then carries both signatures, space-separated.
 */
export function buildWebhookHeaders(
  msgId: string,
  attemptAt: Date,
  body: string | Uint8Array,
  secrets: readonly string[],
): WebhookHeaders {
  if (secrets.length === 0) throw new InvalidWebhookSecretError('no secret');
  const ts = Math.floor(attemptAt.getTime() / 1000);
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(ts),
    'webhook-signature': secrets.map((s) => signWebhook(s, msgId, ts, body)).join(' '),
  };
}

export type VerifyFailure = 'missing_headers' | 'bad_timestamp' | 'too_old' | 'too_new' | 'no_matching_signature';

/**
 * Verifies as a receiver would (our own test receivers and replays use it): any `v1`
 * signature in the header matching, constant-time, timestamp within the tolerance.
 */
export function verifyWebhook(
  secret: string,
  headers: Readonly<Record<string, string | undefined>>,
  body: string | Uint8Array,
  nowSeconds: number,
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): { ok: true } | { ok: false; reason: VerifyFailure } {
  const id = headers['webhook-id'];
  const ts = headers['webhook-timestamp'];
  const sig = headers['webhook-signature'];
  if (!id || !ts || !sig) return { ok: false, reason: 'missing_headers' };
  if (!/^\d+$/.test(ts)) return { ok: false, reason: 'bad_timestamp' };
  const timestamp = Number(ts);
  if (nowSeconds - timestamp > toleranceSeconds) return { ok: false, reason: 'too_old' };
  if (timestamp - nowSeconds > toleranceSeconds) return { ok: false, reason: 'too_new' };
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body).slice(3), 'base64');
  for (const part of sig.split(' ')) {
    const [version, value] = part.split(',', 2);
    if (version !== 'v1' || !value) continue;
    const candidate = Buffer.from(value, 'base64');
    if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) return { ok: true };
  }
  return { ok: false, reason: 'no_matching_signature' };
}
