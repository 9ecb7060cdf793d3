import type { Request } from 'express';
import { routePattern } from '../observability/http-metrics.middleware';
import type { Replay } from './response-cache.service';

/**
 * What makes two requests the same for a cached answer: the exact path and query string, and the
 * Accept header (it picks JSON or CSV). The key or the encoding do not change the answer;
 * Accept-Encoding and If-None-Match are applied when it is sent.
 */
export function replayKey(url: string, accept: string | undefined): string {
  return `${url}\n${accept ?? ''}`;
}

/** For ResponseCache.get from a handler: this request, which passed validation, key and scope checks. */
export function replayOf(req: Request): Replay {
  return { requestKey: replayKey(req.originalUrl, req.headers.accept), route: routePattern(req) };
}
