import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { runWithLogger } from '@labpulse/observability';
import { API_KEY_MARK } from '@labpulse/persistence';

export const REQUEST_ID_HEADER = 'X-Request-Id';
// A caller's id is kept when it is a plausible one (a UUID, a trace id); anything else is replaced.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// An id holding an API key (by mistake or on purpose) would put the key in the log and the answer:
// the mark and more than the 8 visible characters of a prefix.
const KEY_LIKE = new RegExp(`${API_KEY_MARK}[A-Za-z0-9_-]{9,}`, 'i');
// Probes and scrapes would drown the log.
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * Gives each request an id (the caller's X-Request-Id when sane and not key-like, else a UUID), echoes it in the
 * answer, logs one JSON line when the answer is sent (or the client goes away), and runs the rest
 * of the request with a logger bound to the id, so every Nest Logger line it causes carries
 * `reqId`. No headers are logged, so no key, cookie or Authorization value can reach the log.
 * (Written out rather than pino-http: that built a child logger and serializers per request,
 * about a sixth of the API's CPU on cached answers in bench:api, even with nothing to log.)
 */
export function requestLogging(root: Logger): (req: IncomingMessage, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    const incoming = req.headers['x-request-id'];
    const reqId =
      typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) && !KEY_LIKE.test(incoming)
        ? incoming
        : randomUUID();
    res.setHeader(REQUEST_ID_HEADER, reqId);
    const started = performance.now();
    const url = req.url ?? '/';
    if (!QUIET_PATHS.has(url.split('?', 1)[0])) {
      res.once('close', () => {
        const aborted = !res.writableFinished;
        // A client that goes away early is its business, not an error: logged like any other answer.
        const level = res.statusCode >= 500 ? 'error' : 'info';
        if (!root.isLevelEnabled(level)) return;
        root[level](
          {
            reqId,
            req: { id: reqId, method: req.method, url, remoteAddress: req.socket.remoteAddress },
            res: { statusCode: res.statusCode },
            responseTime: Math.round(performance.now() - started),
          },
          aborted ? 'request aborted' : 'request completed',
        );
      });
    }
    // Made on first use (runWithLogger keeps it): most requests log nothing but the access line.
    runWithLogger(() => root.child({ reqId }), next);
  };
}
