import type { DataSource, QueryRunner } from 'typeorm';
import { RENUMBERED_MIGRATIONS } from '../../../migrations';
import { MIGRATIONS_TABLE } from './data-source';
import { withMigrationLock } from './locking';

/**
 * Applies pending migrations. Safe to run twice or from several processes at once: a session-level
 * advisory lock serialises runners, and the second one finds nothing pending. Rows of renumbered
 * migrations are renamed first (migrations/renumbered.ts), so they count as applied.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    return await withMigrationLock(runner, async () => {
      await renameRenumbered(runner);
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((migration) => migration.name);
    });
  } finally {
    await runner.release();
  }
}

/** Renames the rows of migrations applied under an old name; a fresh database has nothing to rename. */
async function renameRenumbered(runner: QueryRunner): Promise<void> {
  const [{ exists }] = (await runner.query('SELECT to_regclass($1) IS NOT NULL AS exists', [
    MIGRATIONS_TABLE,
  ])) as Array<{ exists: boolean }>;
  if (!exists) return;
  for (const { from, to, timestamp } of RENUMBERED_MIGRATIONS) {
    await runner.query(`UPDATE ${MIGRATIONS_TABLE} SET name = $2, timestamp = $3 WHERE name = $1`, [
      from,
      to,
      timestamp,
    ]);
  }
}
