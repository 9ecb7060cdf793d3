import type { Request } from 'express';
import type { ApiScope } from '@labpulse/persistence';
import type { RateLimitDecision } from './rate-limiter.service';

/** The verified caller, attached to the request by ApiKeyGuard. */
export interface ApiKeyPrincipal {
  id: string;
  prefix: string;
  scopes: ApiScope[];
  rateLimitPerMinute: number | null;
}

export interface AuthenticatedRequest extends Request {
  apiKey?: ApiKeyPrincipal;
  /** Set when the request was already counted (by the cached-answer replay), so it is counted once. */
  rateLimit?: RateLimitDecision;
}
