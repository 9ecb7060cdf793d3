/**
 * Writes migrations/data/labs-seed-<version>.json from the catalogue in libs/labs:
 *   node --require @swc-node/register scripts/freeze-lab-seed.ts v2
 * A seed migration reads that frozen copy, so later catalogue edits never change what a landed
 * migration does; ship them as a new version and migration (or edit labs over the REST API).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { DEFAULT_LABS } from '@labpulse/labs';

const version = process.argv[2];
if (!version || !/^v\d+$/.test(version)) throw new Error('usage: freeze-lab-seed.ts v<N>');
const path = `migrations/data/labs-seed-${version}.json`;
if (existsSync(path) && !process.argv.includes('--overwrite'))
  throw new Error(`${path} exists: a landed seed never changes (--overwrite while it is unreleased)`);
mkdirSync('migrations/data', { recursive: true });
writeFileSync(path, `${JSON.stringify(DEFAULT_LABS, null, 1)}\n`);
process.stdout.write(`froze ${DEFAULT_LABS.length} labs into ${path}\n`);
