import { type INestApplication, RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { ApiScope } from '@labpulse/persistence';
import { PUBLIC_KEY, SCOPES_KEY } from '../auth/scopes.decorator';

export interface RouteInfo {
  /** Lower-case HTTP method, as OpenAPI writes it. */
  method: string;
  /** OpenAPI form: /v1/labs/{slug}/posts */
  path: string;
  public: boolean;
  /** What ApiKeyGuard will require (same defaults). */
  scopes: ApiScope[];
}

const READ_METHODS = new Set(['get', 'head', 'options']);

/** Every controller route of the app, with the access ApiKeyGuard enforces on it. */
export function listRoutes(app: INestApplication): RouteInfo[] {
  const routes: RouteInfo[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type<object> | null;
      if (!controller) continue;
      const base = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (
          name === 'constructor' ||
          typeof handler !== 'function' ||
          Reflect.getMetadata(METHOD_METADATA, handler) === undefined
        )
          continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase();
        const isPublic = Boolean(
          Reflect.getMetadata(PUBLIC_KEY, handler) ?? Reflect.getMetadata(PUBLIC_KEY, controller),
        );
        const scopes = (Reflect.getMetadata(SCOPES_KEY, handler) ??
          Reflect.getMetadata(SCOPES_KEY, controller) ?? [READ_METHODS.has(method) ? 'read' : 'admin']) as ApiScope[];
        for (const prefix of base) {
          for (const sub of pathsOf(Reflect.getMetadata(PATH_METADATA, handler))) {
            routes.push({ method, path: toOpenApiPath(prefix, sub), public: isPublic, scopes });
          }
        }
      }
    }
  }
  return routes;
}

function pathsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return [typeof value === 'string' ? value : ''];
}

function toOpenApiPath(prefix: string, sub: string): string {
  const joined = `/${[prefix, sub]
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter((p) => p.length > 0)
    .join('/')}`;
  return joined.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}
