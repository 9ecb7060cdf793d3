import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthenticatedRequest } from '../auth/api-key-principal';
import { type ApiKeyService, grants } from '../auth/api-key.service';
import { setRateLimitHeaders } from '../auth/rate-limit.guard';
import { recordRoute } from '../observability/http-metrics.middleware';
import type { RateLimiter } from '../auth/rate-limiter.service';
import { replayKey } from './replay';
import { sendRepresentation } from './representation';
import type { ReplayHit, ResponseCache } from './response-cache.service';

/**
 * Answers a GET that the full pipeline answered before (same path, query and Accept) from the
 * response cache while that answer is fresh, before Express and Nest's guards, pipes and handler
 * run: on a dashboard's repeated trend query those cost more than sending the answer.
 * The key, scope and rate limit are still checked, with the same services as the guards. Anything
 * else (no key, wrong scope, over the limit, an error) goes on to the full pipeline, which answers
 * it as usual; a request is counted against its rate limit once either way.
 */
export function replayCachedAnswers(
  cache: ResponseCache,
  keys: ApiKeyService,
  limiter: RateLimiter,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  // Only read routes answer from ResponseCache (trends, compare, posts).
  const required = ['read'] as const;

  async function replay(
    req: IncomingMessage & Pick<AuthenticatedRequest, 'apiKey' | 'rateLimit'>,
    res: ServerResponse,
    hit: ReplayHit,
  ): Promise<boolean> {
    const principal = await keys.authenticate(req.headers.authorization, req.socket.remoteAddress);
    if (!principal || !grants(principal, required)) return false;
    const decision = await limiter.consume(principal.id, principal.rateLimitPerMinute ?? limiter.defaultLimit);
    req.rateLimit = decision;
    if (!decision.allowed) return false;
    req.apiKey = principal;
    recordRoute(res, hit.route);
    setRateLimitHeaders(res, decision);
    await sendRepresentation(req, res, hit.representation);
    return true;
  }

  return (req, res, next) => {
    if (req.method !== 'GET') return next();
    const hit = cache.replayFor(replayKey(req.url ?? '/', req.headers.accept));
    if (!hit) return next();
    replay(req, res, hit).then(
      (replayed) => {
        if (!replayed) next();
      },
      () => (res.headersSent ? res.destroy() : next()),
    );
  };
}
