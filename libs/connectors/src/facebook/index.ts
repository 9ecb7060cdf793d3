export * from './facebook-page-cursor';
export * from './facebook-page.connector';
