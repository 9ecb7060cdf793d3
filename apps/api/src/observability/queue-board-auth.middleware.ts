import type { NextFunction, Request, Response } from 'express';
import { type ApiKeyService, grants } from '../auth/api-key.service';
import { presentedKey } from '../auth/presented-key';

const REALM = 'labpulse';

/**
 * Bull Board is plain express middleware, outside Nest's guards, so it checks the admin scope
 * itself: `Authorization: Bearer <admin key>`, or HTTP Basic with the key as the password (so a
 * browser can open the page; any user name). No or a bad key is a 401 asking for Basic, a key
 * without the admin scope a 403.
 */
export function queueBoardAuth(keys: ApiKeyService): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const key = presentedKey(req.headers.authorization);
    const refuse = (status: 401 | 403, detail: string) => {
      if (status === 401) {
        res.append('WWW-Authenticate', `Basic realm="${REALM}", charset="UTF-8"`);
        res.append('WWW-Authenticate', `Bearer realm="${REALM}"`);
      }
      res
        .status(status)
        .type('application/problem+json')
        .send(
          JSON.stringify({ type: 'about:blank', title: status === 401 ? 'Unauthorized' : 'Forbidden', status, detail }),
        );
    };
    if (!key)
      return refuse(
        401,
        'the queue dashboard needs an admin API key: Authorization: Bearer <key>, or Basic with the key as the password',
      );
    keys.verify(key, req.socket.remoteAddress).then(
      (principal) => {
        if (!principal) return refuse(401, 'the API key is unknown or revoked');
        if (!grants(principal, ['admin']))
          return refuse(403, 'the queue dashboard needs an API key with the admin scope');
        next();
      },
      (error: unknown) => {
        const retryAfter = (error as { retryAfter?: number }).retryAfter;
        if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
        next(error);
      },
    );
  };
}
