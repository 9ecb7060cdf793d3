import type { NextFunction, Request, Response } from 'express';
import type { AppMetrics } from '@labpulse/observability';

/**
 * Times every request into labpulse_http_request_duration_seconds by method, route pattern and
 * status. The route is the matched pattern (`/v1/labs/:slug/posts`), never the raw URL, so the
 * label set stays bounded; requests no route matched share one value.
 */
export function httpMetrics(metrics: AppMetrics): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => end({ method: req.method, route: routePattern(req), status: String(res.statusCode) }));
    next();
  };
}

/** The matched route pattern; `res.locals.route` when the answer was sent before routing. */
export function routePattern(req: Request): string {
  const replayed = (req.res?.locals as { route?: unknown } | undefined)?.route;
  if (typeof replayed === 'string') return replayed;
  const route = (req as Request & { route?: { path?: unknown } }).route;
  if (route && typeof route.path === 'string') return `${req.baseUrl}${route.path}` || '/';
  // Middleware mounted under a path (the queue dashboard's assets) counts under that path.
  if (req.baseUrl) return `${req.baseUrl}/*`;
  return 'unmatched';
}
