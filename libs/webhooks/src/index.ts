export * from './delivery-outcome';
export * from './retry-schedule';
export * from './endpoint-health';
export * from './guarded-lookup';
export * from './ip-address-policy';
export * from './webhook-signature';
export * from './webhook-url-validation';
