import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { AppConfig } from '@labpulse/config';
import { createApiApp } from '../../src/bootstrap-api';

/**
 * The real API app listening on a free local port, and its base URL (IPv4 even where the host
 * resolves localhost to ::1, so browsers and undici agents reach the same address).
 */
export async function listeningApi(
  config: AppConfig,
  root?: DynamicModule,
): Promise<{ app: INestApplication; base: string }> {
  const app = root ? await createApiApp(config, root) : await createApiApp(config);
  await app.listen(0, '127.0.0.1');
  return { app, base: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
}
