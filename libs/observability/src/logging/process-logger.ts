import type { Logger } from 'pino';
import type { AppConfig } from '@labpulse/config';
import { createRootLogger } from './root-logger';

const loggers = new Map<string, Logger>();

/**
 * The process's root logger for this configuration: LOG_LEVEL, and the platform tokens to strip
 * from messages. One per process (and per configuration), shared by an api and a worker booted
 * together, so they write through one stream.
 */
export function processLogger(config: Pick<AppConfig, 'log' | 'platforms'>): Logger {
  const secrets = [config.platforms.x.token, config.platforms.facebook.token, config.platforms.linkedin.token].filter(
    (t): t is string => t !== null,
  );
  const key = JSON.stringify([config.log.level, secrets]);
  let logger = loggers.get(key);
  if (!logger) {
    logger = createRootLogger({ level: config.log.level, secrets });
    loggers.set(key, logger);
  }
  return logger;
}
