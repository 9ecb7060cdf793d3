/**
 * Writes migrations/data/labs-seed-v1.json from the catalogue in libs/labs. A seed migration reads
 * that frozen copy, so later catalogue edits never change what a landed migration does; ship them
 * as a new migration (or edit labs over the REST API).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { DEFAULT_LABS } from '@labpulse/labs';

mkdirSync('migrations/data', { recursive: true });
writeFileSync('migrations/data/labs-seed-v1.json', `${JSON.stringify(DEFAULT_LABS, null, 1)}\n`);
process.stdout.write(`froze ${DEFAULT_LABS.length} labs into migrations/data/labs-seed-v1.json\n`);
