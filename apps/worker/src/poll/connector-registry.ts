import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type PlatformApiConfig } from '@labpulse/config';
import {
  createConnector,
  InvalidSourceError,
  JsonlImportConnector,
  type PlatformSourceKind,
  type SourceConnector,
  type SourceKind,
} from '@labpulse/connectors';

const TOKEN_VARIABLE: Record<PlatformSourceKind, string> = {
  x_search: 'X_BEARER_TOKEN',
  facebook_page: 'FACEBOOK_ACCESS_TOKEN',
  linkedin_org: 'LINKEDIN_ACCESS_TOKEN',
};

/** Builds one connector per source kind from config; the only place connectors are constructed. */
@Injectable()
export class ConnectorRegistry {
  private readonly connectors = new Map<SourceKind, SourceConnector>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { x, facebook, linkedin, timeoutMs } = config.platforms;
    this.connectors.set('import', new JsonlImportConnector(config.queue.importBatchSize));
    this.add('x_search', x, undefined, timeoutMs);
    this.add('facebook_page', facebook, facebook.version, timeoutMs);
    this.add('linkedin_org', linkedin, linkedin.version, timeoutMs);
  }

  /** Throws InvalidSourceError when the platform has no credentials, so the source shows why. */
  get(kind: SourceKind): SourceConnector {
    const connector = this.connectors.get(kind);
    if (connector) return connector;
    const variable = TOKEN_VARIABLE[kind as PlatformSourceKind];
    throw new InvalidSourceError(`${variable} is not set, so ${kind} sources cannot be polled`);
  }

  private add(kind: PlatformSourceKind, api: PlatformApiConfig, version: string | undefined, timeoutMs: number): void {
    if (api.token === null) return;
    this.connectors.set(kind, createConnector(kind, { baseUrl: api.baseUrl, token: api.token, version, timeoutMs }));
  }
}
