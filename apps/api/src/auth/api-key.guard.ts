import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import type { ApiScope } from '@labpulse/persistence';
import type { AuthenticatedRequest } from './api-key-principal';
import { ApiKeyService, bearerToken, grants } from './api-key.service';
import { PUBLIC_KEY, SCOPES_KEY } from './scopes.decorator';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const REALM = 'labpulse';

/**
 * Global guard: every route needs an API key (`Authorization: Bearer lp_...`) unless marked
 * @Public(); the scope comes from @Scopes(), else `read` for GET/HEAD and `admin` for writes.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const res = http.getResponse<Response>();
    const required = this.reflector.getAllAndOverride<ApiScope[]>(SCOPES_KEY, targets) ?? [
      READ_METHODS.has(req.method) ? 'read' : 'admin',
    ];

    const key = bearerToken(req.headers.authorization);
    if (key === null) {
      res.setHeader('WWW-Authenticate', `Bearer realm="${REALM}"`);
      throw new UnauthorizedException(
        'an API key is required: send Authorization: Bearer <key> (create one with `npm run --silent cli -- apikey create`)',
      );
    }
    const principal = await this.keys.verify(key, req.socket.remoteAddress).catch((error: unknown) => {
      const retryAfter = (error as { retryAfter?: number }).retryAfter;
      if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
      throw error;
    });
    if (!principal) {
      res.setHeader('WWW-Authenticate', `Bearer realm="${REALM}", error="invalid_token"`);
      throw new UnauthorizedException('the API key is unknown or revoked');
    }
    req.apiKey = principal;
    if (!grants(principal, required)) {
      res.setHeader(
        'WWW-Authenticate',
        `Bearer realm="${REALM}", error="insufficient_scope", scope="${required.join(' ')}"`,
      );
      throw new ForbiddenException(`this request needs an API key with the ${required.join(', ')} scope`);
    }
    return true;
  }
}
