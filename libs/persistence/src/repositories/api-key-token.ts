import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every key starts with this, so a leaked key is recognisable (secret scanners, logs). */
export const API_KEY_MARK = 'lp_';
// 32 random bytes (256 bits) in base64url: far beyond guessing, so a fast hash (SHA-256) is enough.
const SECRET_BYTES = 32;
// The stored, visible part: the mark plus 8 characters (48 bits), unique per key.
const PREFIX_LENGTH = API_KEY_MARK.length + 8;
const KEY_SHAPE = /^lp_[A-Za-z0-9_-]{43}$/;

export function generateApiKey(): string {
  return `${API_KEY_MARK}${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

/** The visible prefix of a well-formed key, or null when the string cannot be one of ours. */
export function apiKeyPrefix(key: string): string | null {
  return KEY_SHAPE.test(key) ? key.slice(0, PREFIX_LENGTH) : null;
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented key with a stored hash. */
export function apiKeyMatches(key: string, storedHash: string): boolean {
  const presented = Buffer.from(hashApiKey(key), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
