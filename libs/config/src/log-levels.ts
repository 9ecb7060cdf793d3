import type { AppConfig } from './app-config';

type NestLogLevel = 'fatal' | 'error' | 'warn' | 'log' | 'debug' | 'verbose';

/** Maps LOG_LEVEL onto the levels Nest's logger enables. */
export function nestLogLevels(config: AppConfig): NestLogLevel[] {
  const order: NestLogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];
  const rank = { fatal: 0, error: 1, warn: 2, info: 3, debug: 4, trace: 5 }[config.log.level];
  return order.slice(0, rank + 1);
}
