import type { ServerResponse } from 'node:http';
import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { AuthenticatedRequest } from './api-key-principal';
import { type RateLimitDecision, RateLimiter } from './rate-limiter.service';
import { PUBLIC_KEY } from './scopes.decorator';

/** The IETF RateLimit header fields for a decision (also sent by the cached-answer replay). */
export function setRateLimitHeaders(res: ServerResponse, decision: RateLimitDecision): void {
  res.setHeader('RateLimit-Limit', String(decision.limit));
  res.setHeader('RateLimit-Remaining', String(decision.remaining));
  res.setHeader('RateLimit-Reset', String(decision.resetSeconds));
  res.setHeader('RateLimit-Policy', `${decision.limit};w=60`);
}

/**
 * Runs after ApiKeyGuard: counts the request against its key and answers with the IETF
 * RateLimit header fields (draft-ietf-httpapi-ratelimit-headers, the RateLimit-Limit /
 * RateLimit-Remaining / RateLimit-Reset form, plus RateLimit-Policy); over budget is a 429
 * with Retry-After.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limiter: RateLimiter,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, [context.getHandler(), context.getClass()])) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    if (!req.apiKey) return true; // ApiKeyGuard let it through without a key: nothing to count
    const res = http.getResponse<Response>();
    const limit = req.apiKey.rateLimitPerMinute ?? this.limiter.defaultLimit;
    const decision = req.rateLimit ?? (await this.limiter.consume(req.apiKey.id, limit));
    setRateLimitHeaders(res, decision);
    if (!decision.allowed) {
      res.setHeader('Retry-After', String(decision.resetSeconds));
      throw new HttpException(
        `rate limit of ${decision.limit} requests per minute exceeded for this key; retry in ${decision.resetSeconds} s`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return true;
  }
}
