import type { DataSource } from 'typeorm';
import { ApiKeyRepository, type ApiScope } from '@labpulse/persistence';

export interface TestApiKey {
  key: string;
  id: string;
  /** `{ authorization: 'Bearer <key>' }`, ready for fetch. */
  headers: { authorization: string };
}

/** Issues a real API key (stored hashed, like the CLI does) for tests that call the API. */
export async function createTestApiKey(
  db: DataSource,
  scope: ApiScope = 'read',
  options: { rateLimitPerMinute?: number; name?: string } = {},
): Promise<TestApiKey> {
  const { key, record } = await new ApiKeyRepository(db).issue({
    scopes: [scope],
    name: options.name ?? `test ${scope}`,
    rateLimitPerMinute: options.rateLimitPerMinute ?? null,
  });
  return { key, id: record.id, headers: { authorization: `Bearer ${key}` } };
}
