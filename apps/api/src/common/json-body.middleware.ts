import type { NextFunction, Request, Response } from 'express';

/**
 * Every request body the API takes is JSON. A body in another media type (text/plain, a form, no
 * Content-Type at all) is left unparsed by the JSON parser and would reach the handler as no body:
 * a PATCH would then "succeed" as an empty edit. Refuse it instead: 415, as a problem (the error
 * carries a status, like the body parser's own, so ProblemDetailsFilter writes it).
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (!hasBody) return next();
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType === 'application/json') return next();
  const error = Object.assign(
    new Error(`the request body must be application/json, not ${mediaType || 'a body without a Content-Type'}`),
    {
      status: 415,
      type: 'content-type.unsupported',
    },
  );
  next(error);
}
