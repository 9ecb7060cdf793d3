import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Webhook signing secrets at rest: AES-256-GCM with a key from the environment (WEBHOOK_SECRET_KEY),
 * stored as `lpenc:v1:<key id>:<base64url of nonce, ciphertext, tag>`. The key id (the first 8 hex
 * characters of the key's SHA-256) says which key sealed a value, so a rotation can read values
 * sealed with the previous key while it re-seals them. Only node:crypto; nothing is stored in clear.
 */
export const SEALED_PREFIX = 'lpenc:v1:';
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
// Binds a sealed value to its purpose: a value sealed for something else never opens as a secret.
const AAD = Buffer.from('labpulse webhook secret v1');

export function secretKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

export function isSealed(stored: string): boolean {
  return stored.startsWith(SEALED_PREFIX);
}

/** A fresh random nonce per value, so sealing one secret twice gives two different values. */
export function sealSecret(key: Buffer, plain: string): string {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${SEALED_PREFIX}${secretKeyId(key)}:${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')}`;
}

/** The id of the key that sealed `stored`, or null when it is not a sealed value. */
export function sealedKeyId(stored: string): string | null {
  if (!isSealed(stored)) return null;
  return stored.slice(SEALED_PREFIX.length, SEALED_PREFIX.length + 8);
}

/** The secret in `stored`, opened with whichever of `keys` sealed it; throws when none did or it was altered. */
export function openSecret(keys: readonly Buffer[], stored: string): string {
  const id = sealedKeyId(stored);
  if (id === null) throw new Error('not a sealed secret');
  const key = keys.find((k) => secretKeyId(k) === id);
  if (!key)
    throw new Error(
      `sealed with key ${id}, which is neither WEBHOOK_SECRET_KEY nor one of WEBHOOK_SECRET_KEYS_PREVIOUS`,
    );
  const raw = Buffer.from(stored.slice(SEALED_PREFIX.length + 9), 'base64url');
  if (raw.length < NONCE_BYTES + TAG_BYTES) throw new Error('a sealed secret too short to be one');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, NONCE_BYTES));
  decipher.setAAD(AAD);
  decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(NONCE_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString(
    'utf8',
  );
}
