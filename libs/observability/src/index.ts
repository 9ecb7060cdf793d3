export * from './metrics/app-metrics';
export * from './metrics/metrics.module';
export * from './metrics/queue-depth.gauge';
export * from './logging/log-context';
export * from './logging/pino-nest-logger';
export * from './logging/process-logger';
export * from './logging/root-logger';
export * from './logging/secret-scrubber';
