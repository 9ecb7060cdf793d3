import 'reflect-metadata';
import { loadConfigOrExit } from '@labpulse/config';
import { bootstrapWorker } from './bootstrap-worker';

bootstrapWorker(loadConfigOrExit()).catch((error: Error) => {
  process.stderr.write(`worker failed to start: ${error.message}\n`);
  process.exit(1);
});
