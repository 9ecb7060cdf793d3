import { bearerToken } from './api-key.service';

/**
 * The key of `Authorization: Bearer <key>`, or of HTTP Basic with the key as the password (how a
 * browser opens the queue dashboard; any user name), or null when neither is there.
 */
export function presentedKey(header: string | undefined): string | null {
  const bearer = bearerToken(header);
  if (bearer !== null) return bearer;
  const basic = /^Basic[ ]+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!basic) return null;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  // The key is the password; `curl -u <key>:` puts it in the user name instead, which is accepted too.
  return decoded.slice(colon + 1) || decoded.slice(0, colon) || null;
}
