import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { openTestDatabase, testConfig } from '@labpulse/testing';
import { SeedLabsV21796000000003 } from '../../migrations/1796000000003-seed-labs-v2';
import V1 from '../../migrations/data/labs-seed-v1.json';
import V2 from '../../migrations/data/labs-seed-v2.json';

/** Catalogue v2 adds labs and updates untouched v1 entries, and leaves operators' edits alone. */
let db: DataSource;

before(async () => {
  db = await openTestDatabase(testConfig());
});
after(async () => {
  await db.destroy();
});

async function people(runner: { query: DataSource['query'] }, slug: string): Promise<string[] | undefined> {
  const rows = (await runner.query(`SELECT definition->'people' AS people FROM labs WHERE slug = $1`, [
    slug,
  ])) as Array<{ people: string[] }>;
  return rows[0]?.people;
}

/** The seed labs present (other tests may add labs of their own). */
async function seeded(runner: { query: DataSource['query'] }): Promise<string[]> {
  const seeds = new Set([...V1, ...V2].map((l) => l.slug));
  const rows = (await runner.query('SELECT slug FROM labs ORDER BY slug')) as Array<{ slug: string }>;
  return rows
    .map((r) => r.slug)
    .filter((s) => seeds.has(s))
    .sort();
}

test('a migrated database holds every v2 lab, and Mira Murati moved from OpenAI to Thinking Machines', async () => {
  const slugs = ((await db.query('SELECT slug FROM labs')) as Array<{ slug: string }>).map((r) => r.slug);
  for (const lab of V2) assert.ok(slugs.includes(lab.slug), `${lab.slug} missing`);
  assert.ok(V2.length > V1.length);
  assert.ok(!(await people(db, 'openai'))?.includes('Mira Murati'));
  assert.ok((await people(db, 'thinking-machines-lab'))?.includes('Mira Murati'));
});

test('down restores v1; up then keeps an operator-edited entry as edited', async () => {
  const runner = db.createQueryRunner();
  await runner.startTransaction();
  try {
    // Other test files edit labs over the API; start from the catalogue exactly as v2 seeded it.
    for (const lab of V2)
      await runner.query('UPDATE labs SET definition = $2 WHERE slug = $1', [lab.slug, JSON.stringify(lab)]);
    const migration = new SeedLabsV21796000000003();
    await migration.down(runner);
    assert.deepEqual(await seeded(runner), V1.map((l) => l.slug).sort());
    assert.ok((await people(runner, 'openai'))?.includes('Mira Murati'));
    // An operator's edit over REST: the definition no longer equals the v1 seed.
    await runner.query(
      `UPDATE labs SET definition = jsonb_set(definition, '{people}', '["Sam Altman"]') WHERE slug = 'openai'`,
    );
    await migration.up(runner);
    assert.deepEqual(await people(runner, 'openai'), ['Sam Altman']);
    assert.ok((await people(runner, 'thinking-machines-lab'))?.includes('Mira Murati'));
    assert.deepEqual(await seeded(runner), V2.map((l) => l.slug).sort());
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
});
