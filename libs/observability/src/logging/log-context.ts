import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

/**
 * The logger of the work in progress (an HTTP request, a job), bound to its ids. Code far from the
 * request or job (services using Nest's Logger) logs through it without being handed the ids.
 */
const storage = new AsyncLocalStorage<Logger>();

export function runWithLogger<T>(logger: Logger, fn: () => T): T {
  return storage.run(logger, fn);
}

export function contextLogger(): Logger | undefined {
  return storage.getStore();
}
