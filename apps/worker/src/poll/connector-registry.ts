import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { JsonlImportConnector, type SourceConnector, type SourceKind } from '@labpulse/connectors';

/** Builds one connector per source kind from config; the only place connectors are constructed. */
@Injectable()
export class ConnectorRegistry {
  private readonly connectors = new Map<SourceKind, SourceConnector>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.connectors.set('import', new JsonlImportConnector(config.queue.importBatchSize));
  }

  get(kind: SourceKind): SourceConnector {
    const connector = this.connectors.get(kind);
    if (!connector) throw new Error(`no connector is configured for source kind ${kind}`);
    return connector;
  }
}
