export * from './alert-rule';
export * from './default-alert-rules';
export * from './alert-rule-validation';
export * from './metric-bucket';
export * from './rule-evaluator';
export * from './alert-episode';
export * from './webhook-payload';
export * from './source-pause-payload';
