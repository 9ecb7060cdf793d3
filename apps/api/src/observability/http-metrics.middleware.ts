import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppMetrics } from '@labpulse/observability';

// Answers sent before routing (cached-answer replays) record the route they were cached under.
const sentFor = new WeakMap<ServerResponse, string>();

export function recordRoute(res: ServerResponse, route: string): void {
  sentFor.set(res, route);
}

/**
 * Times every request into labpulse_http_request_duration_seconds by method, route pattern and
 * status. The route is the matched pattern (`/v1/labs/:slug/posts`), never the raw URL, so the
 * label set stays bounded; requests no route matched share one value.
 */
export function httpMetrics(
  metrics: AppMetrics,
): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () =>
      end({ method: req.method, route: sentFor.get(res) ?? routePattern(req), status: String(res.statusCode) }),
    );
    next();
  };
}

/** The route pattern Express matched (it leaves `route` and `baseUrl` on the request). */
export function routePattern(req: IncomingMessage & { baseUrl?: string; route?: { path?: unknown } }): string {
  const route = req.route;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}` || '/';
  // Middleware mounted under a path (the queue dashboard's assets) counts under that path.
  if (req.baseUrl) return `${req.baseUrl}/*`;
  return 'unmatched';
}
