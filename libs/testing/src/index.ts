export * from './test-config';
export * from './test-database';
export * from './wait-for';
export * from './fake-platforms';
