import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { runWithLogger } from '@labpulse/observability';

export const REQUEST_ID_HEADER = 'X-Request-Id';
// A caller's id is kept when it is a plausible one (a UUID, a trace id); anything else is replaced.
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// Probes and scrapes would drown the log.
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * Gives each request an id (the caller's X-Request-Id when sane, else a UUID), echoes it in the
 * answer, logs one JSON line when the answer is sent, and runs the rest of the request with a
 * logger bound to the id, so every Nest Logger line it causes carries `reqId`. No headers are
 * logged, so no key, cookie or Authorization value can reach the log.
 */
export function requestLogging(root: Logger): (req: Request, res: Response, next: NextFunction) => void {
  const http = pinoHttp<IncomingMessage, ServerResponse>({
    logger: root,
    quietReqLogger: true,
    genReqId: (req, res) => {
      const incoming = req.headers['x-request-id'];
      const id = typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    autoLogging: { ignore: (req) => QUIET_PATHS.has((req.url ?? '/').split('?')[0]) },
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    serializers: {
      req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url,
        remoteAddress: req.remoteAddress,
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
  return (req, res, next) => {
    http(req, res);
    runWithLogger(req.log, next);
  };
}
