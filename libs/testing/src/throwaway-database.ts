import { Client } from 'pg';
import { createDataSource, runMigrations } from '@labpulse/persistence';

export interface ThrowawayDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * Creates and (unless `migrate: false`) migrates a fresh database on the server of `serverUrl` (tests, benchmarks), so
 * nothing touches the developer's own data. `drop()` removes it even with connections open.
 */
export async function createThrowawayDatabase(
  serverUrl: string,
  name: string,
  options: { migrate?: boolean } = {},
): Promise<ThrowawayDatabase> {
  if (!/^[a-z0-9_]{1,60}$/.test(name)) throw new Error(`bad database name ${name}`);
  const adminUrl = new URL(serverUrl);
  adminUrl.pathname = '/postgres';
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const admin = new Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  if (options.migrate !== false) {
    const db = createDataSource({ url: url.toString(), poolSize: 2 });
    await db.initialize();
    await runMigrations(db);
    await db.destroy();
  }
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: adminUrl.toString() });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
