import type { NextFunction, Request, Response } from 'express';
import type { ApiKeyService } from './api-key.service';
import { presentedKey } from './presented-key';

const REALM = 'labpulse';

/**
 * Runs before the JSON body parser: a request with a body and no known key (Bearer, or Basic for
 * the queue dashboard) is a 401 before a byte of its body is parsed. Every route that takes a body
 * needs a key; without this, anyone could make any path parse 5 MB. The guards check the scope and
 * the rate limit afterwards, as for every request (the key lookup is cached, so this costs no more).
 */
export function authenticateBeforeBody(keys: ApiKeyService): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const length = req.headers['content-length'];
    const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
    if (!hasBody) return next();
    const refuse = (detail: string): void => {
      res.setHeader('WWW-Authenticate', `Bearer realm="${REALM}"`);
      next(Object.assign(new Error(detail), { status: 401 }));
    };
    const key = presentedKey(req.headers.authorization);
    if (key === null) return refuse('an API key is required to send a request body: send Authorization: Bearer <key>');
    keys.verify(key, req.socket.remoteAddress).then(
      (principal) => (principal ? next() : refuse('the API key is unknown or revoked')),
      (error: unknown) => {
        const retryAfter = (error as { retryAfter?: number }).retryAfter;
        if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
        next(error);
      },
    );
  };
}
