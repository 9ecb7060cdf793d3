import { SetMetadata } from '@nestjs/common';
import type { ApiScope } from '@labpulse/persistence';

export const SCOPES_KEY = 'labpulse:scopes';
export const PUBLIC_KEY = 'labpulse:public';
/** Name of the bearer security scheme in the OpenAPI document. */
export const API_KEY_SCHEME = 'api-key';

/**
 * The scopes a route (or every route of a controller) needs; a key must hold all of them, and
 * `admin` keys hold `read` too. Without it, GET/HEAD need `read` and every other method `admin`,
 * so a write route is never open to read keys by omission. The OpenAPI document follows it.
 *
 *   @Scopes('admin') @Post() create(...) {}
 */
export function Scopes(...scopes: ApiScope[]): MethodDecorator & ClassDecorator {
  return SetMetadata(SCOPES_KEY, scopes);
}

/** No key needed and no rate limit (health, readiness). */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(PUBLIC_KEY, true);
}
