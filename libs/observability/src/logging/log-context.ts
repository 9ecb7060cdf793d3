import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'pino';

/**
 * The logger of the work in progress (an HTTP request, a job), bound to its ids. Code far from the
 * request or job (services using Nest's Logger) logs through it without being handed the ids.
 * It may be given as a function, called on first use: most requests log nothing but their access
 * line, and a child logger per request is not free.
 */
const storage = new AsyncLocalStorage<() => Logger>();

export function runWithLogger<T>(logger: Logger | (() => Logger), fn: () => T): T {
  return storage.run(typeof logger === 'function' ? once(logger) : () => logger, fn);
}

export function contextLogger(): Logger | undefined {
  return storage.getStore()?.();
}

function once(make: () => Logger): () => Logger {
  let made: Logger | undefined;
  return () => (made ??= make());
}
