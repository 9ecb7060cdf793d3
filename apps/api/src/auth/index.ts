/** What other controllers use: mark routes with @Scopes('admin') or @Public(). */
export { Public, Scopes, API_KEY_SCHEME } from './scopes.decorator';
export { ApiKeyGuard } from './api-key.guard';
export { RateLimitGuard } from './rate-limit.guard';
export type { ApiKeyPrincipal, AuthenticatedRequest } from './api-key-principal';
