export * from './import-line.schema';
export * from './jsonl-import.connector';
export * from './parse-import-line';
