export * from './job-options';
export * from './job-producer.service';
export * from './queue-catalogue';
export * from './queue.module';
export * from './redis-connection';
export * from './worker-roles';
export * from './standalone-queue';
