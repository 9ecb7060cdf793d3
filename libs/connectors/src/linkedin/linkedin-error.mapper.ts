import {
  AuthFailedError,
  InvalidSourceError,
  SourceQuotaExceededError,
  TransientPlatformError,
  type ConnectorError,
} from '../connector-errors';
import { parseRetryAfter, type PlatformResponse } from '../http/platform-http.client';
import { isJsonObject } from '../payload/payload-reader';

export interface LinkedInErrorContext {
  organization: string;
  version: string;
}

/** Maps a LinkedIn error (docs/platform-apis.md#linkedin-errors) to the error the poller acts on. */
export function mapLinkedInError(
  response: PlatformResponse,
  now: Date,
  context: LinkedInErrorContext,
  redact: (text: string) => string,
): ConnectorError {
  const { status } = response;
  const detail = redact(describe(response.body));
  if (status === 429) {
    // Daily application / member limits with no headers, reset at midnight UTC (docs/platform-apis.md#linkedin-rate-limits).
    return new SourceQuotaExceededError(nextUtcMidnight(now), `LinkedIn daily limit reached (${detail})`);
  }
  if (status === 401) return new AuthFailedError(`LinkedIn rejected the access token (${detail})`);
  if (status === 403) {
    return new AuthFailedError(
      `LinkedIn denied access to the posts of ${context.organization} (${detail}): the authenticated member must ` +
        'administer this organization (ADMINISTRATOR, CONTENT_ADMIN or DIRECT_SPONSORED_CONTENT_POSTER role) ' +
        'and the app needs r_organization_social; pages of organizations you do not administer cannot be read',
    );
  }
  if (status === 426) {
    return new InvalidSourceError(
      `LinkedIn-Version ${context.version} is not active (${detail}); configure a current YYYYMM version`,
    );
  }
  if (status >= 500 || status === 408)
    return new TransientPlatformError(
      `LinkedIn answered ${status} (${detail})`,
      parseRetryAfter(response.headers, now),
    );
  return new InvalidSourceError(`LinkedIn rejected the request with ${status} (${detail})`);
}

export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

function describe(body: unknown): string {
  if (!isJsonObject(body)) return 'no readable body';
  const parts: string[] = [];
  if (typeof body.code === 'string') parts.push(body.code);
  if (typeof body.serviceErrorCode === 'number') parts.push(`serviceErrorCode ${body.serviceErrorCode}`);
  if (typeof body.message === 'string') parts.push(body.message);
  return parts.length > 0 ? parts.join(': ') : 'no detail';
}
