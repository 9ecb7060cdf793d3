export * from './linkedin-org-cursor';
export * from './linkedin-org.connector';
