import 'reflect-metadata';
import { loadConfigOrExit } from '@labpulse/config';
import { bootstrapApi } from './bootstrap-api';

bootstrapApi(loadConfigOrExit()).catch((error: Error) => {
  process.stderr.write(`api failed to start: ${error.message}\n`);
  process.exit(1);
});
