export * from './time-watermark';
export * from './tracked-posts';
