export * from './app-config';
export * from './alerting-config';
export * from './config.module';
export * from './load-config';
export * from './worker-concurrency';
