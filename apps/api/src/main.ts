import 'reflect-metadata';
import { loadConfigOrExit } from '@labpulse/config';
import { bootstrapApi } from './bootstrap-api';

async function main(): Promise<void> {
  const app = await bootstrapApi(loadConfigOrExit());
  // On SIGTERM stop accepting connections, finish in-flight requests, close pools, then exit 0.
  const stop = () =>
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: Error) => {
  process.stderr.write(`api failed to start: ${error.message}\n`);
  process.exit(1);
});
