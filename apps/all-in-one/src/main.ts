import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfigOrExit } from '@labpulse/config';
import { PinoNestLogger, processLogger } from '@labpulse/observability';
import { createDataSource, runMigrations } from '@labpulse/persistence';
import { startAllInOne } from './all-in-one';

/**
 * `npm start`: migrations, then the api and a worker running every queue, in one process (one
 * metrics registry). For a laptop or a small install; containers run the api and workers separately.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // JSON from the first line, before the api and worker install the same logger.
  Logger.overrideLogger(new PinoNestLogger(processLogger(config)));
  const db = createDataSource({ url: config.database.url, poolSize: 2 });
  await db.initialize();
  const applied = await runMigrations(db);
  await db.destroy();
  if (applied.length > 0) new Logger('Migrations').log(`applied ${applied.join(', ')}`);
  const app = await startAllInOne(config);
  const stop = () =>
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: Error) => {
  process.stderr.write(`labpulse failed to start: ${error.message}\n`);
  process.exit(1);
});
