import type { DataSource } from 'typeorm';

// Arbitrary constant key: every LabPulse process that migrates takes this same advisory lock.
const MIGRATION_LOCK_KEY = 7_306_311_022;

/**
 * Applies pending migrations. Safe to run twice or from several processes at once: a session-level
 * advisory lock serialises runners, and the second one finds nothing pending.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
