import type { Request } from 'express';
import type { ApiScope } from '@labpulse/persistence';

/** The verified caller, attached to the request by ApiKeyGuard. */
export interface ApiKeyPrincipal {
  id: string;
  prefix: string;
  scopes: ApiScope[];
  rateLimitPerMinute: number | null;
}

export interface AuthenticatedRequest extends Request {
  apiKey?: ApiKeyPrincipal;
}
