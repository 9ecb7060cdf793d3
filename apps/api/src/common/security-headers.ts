import type { IncomingMessage, ServerResponse } from 'node:http';

// Swagger UI: its own scripts and styles (some inline styles), data: images, calls to this origin.
const DOCS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
const DOCS = /^\/docs(\/|$|\?)/;
const QUEUE_BOARD = /^\/admin\/queues(\/|$|\?)/;

/**
 * A front-door step (before Express, so every answer gets them, replays and errors included):
 * `X-Content-Type-Options: nosniff` everywhere, so no JSON, CSV or problem answer is ever sniffed
 * into HTML; and no framing of the pages a person opens (the dashboard sets its own CSP).
 */
export function securityHeaders(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  const url = req.url ?? '/';
  // Every answer passes here: the patterns only run for the two paths they can match.
  const second = url.charCodeAt(1);
  if (second !== 0x64 /* d */ && second !== 0x61 /* a */) return next();
  if (DOCS.test(url)) {
    res.setHeader('Content-Security-Policy', DOCS_CSP);
    res.setHeader('X-Frame-Options', 'DENY');
  } else if (QUEUE_BOARD.test(url)) {
    res.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
    res.setHeader('X-Frame-Options', 'DENY');
  }
  next();
}
