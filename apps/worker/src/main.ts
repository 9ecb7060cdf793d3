import 'reflect-metadata';
import { ConfigError, loadConfigOrExit } from '@labpulse/config';
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
  // WORKER_QUEUES / WORKER_CONCURRENCY naming no queue are found while the module is built.
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG, as loadConfigOrExit
  }
  process.stderr.write(`worker failed to start: ${error.message}\n`);
  process.exit(1);
});
