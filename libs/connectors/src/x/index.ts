export * from './x-search-cursor';
export * from './x-search.connector';
