import 'reflect-metadata';
import { loadConfigOrExit } from '@labpulse/config';
import { bootstrapWorker } from './bootstrap-worker';

async function main(): Promise<void> {
  const worker = await bootstrapWorker(loadConfigOrExit());
  // On SIGTERM stop taking jobs, let active ones finish (BullMQ close), then exit 0.
  const stop = () =>
    worker.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

main().catch((error: Error) => {
  process.stderr.write(`worker failed to start: ${error.message}\n`);
  process.exit(1);
});
