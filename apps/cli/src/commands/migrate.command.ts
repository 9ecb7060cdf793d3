import { loadConfigOrExit } from '@labpulse/config';
import { createDataSource, runMigrations } from '@labpulse/persistence';
import type { CliCommand } from '../cli-command';

export const migrateCommand: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  summary: 'apply pending database migrations (safe to run twice, or from two processes)',
  async run(_args, io) {
    const config = loadConfigOrExit();
    const db = createDataSource({ url: config.database.url, poolSize: 2 });
    await db.initialize();
    try {
      const applied = await runMigrations(db);
      io.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
