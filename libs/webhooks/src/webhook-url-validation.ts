import { AddressPolicy, blockedCategory, classifyIpAddress } from './ip-address-policy';

export interface WebhookUrlPolicy extends AddressPolicy {
  /** Production: only https. */
  readonly requireHttps: boolean;
  /** Allow any port not in the always-refused list (tests on loopback use random ports); default allowPrivate. */
  readonly allowAnyPort?: boolean;
}

export const MAX_WEBHOOK_URL_LENGTH = 2048;
/** Ports a webhook never targets: remote shells, mail, databases, caches. */
const REFUSED_PORTS = new Set([
  0, 21, 22, 23, 25, 110, 143, 445, 465, 587, 993, 995, 1433, 2375, 2376, 3306, 5432, 6379, 9200, 11211, 27017,
]);
/** Names that resolve to the local host or internal services. */
const INTERNAL_NAMES = /(^|\.)(localhost|localdomain|internal|local|home\.arpa)$/i;
const METADATA_NAMES = /^(metadata|metadata\.google\.internal|instance-data|instance-data\.ec2\.internal)$/i;

export type WebhookUrlCheck = { readonly ok: true; readonly url: URL } | { readonly ok: false; readonly error: string };

/**
 * Registration-time check of an endpoint URL (the API answers 400 with `error` on the
 * `url` field). Host names pass here and are checked again, on every connection, by
 * createGuardedLookup: a name can resolve differently at delivery time.
 */
export function checkWebhookUrl(raw: string, policy: WebhookUrlPolicy): WebhookUrlCheck {
  if (raw.length > MAX_WEBHOOK_URL_LENGTH)
    return { ok: false, error: `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, error: 'must be an absolute URL' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, error: 'scheme must be https (or http outside production)' };
  if (policy.requireHttps && url.protocol !== 'https:') return { ok: false, error: 'scheme must be https' };
  if (url.username !== '' || url.password !== '')
    return { ok: false, error: 'must not contain credentials (userinfo)' };
  const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (REFUSED_PORTS.has(port)) return { ok: false, error: `port ${port} is not allowed` };
  if (!(policy.allowAnyPort ?? policy.allowPrivate) && port !== 443 && port !== 80)
    return { ok: false, error: 'port must be 443 or 80' };

  const host = url.hostname;
  const literal = classifyIpAddress(host);
  if (literal) {
    const category = blockedCategory(host, policy);
    if (category !== null) return { ok: false, error: `host is a ${category} address` };
    return { ok: true, url };
  }
  const name = host.replace(/\.$/, '');
  if (METADATA_NAMES.test(name)) return { ok: false, error: 'host is a metadata service' };
  if (!policy.allowPrivate && (INTERNAL_NAMES.test(name) || !name.includes('.'))) {
    return { ok: false, error: 'host must be a public DNS name' };
  }
  return { ok: true, url };
}
