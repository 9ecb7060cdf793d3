import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { openTestDatabase, testConfig } from '@labpulse/testing';
import { SeedLabsV31796530000002 } from '../../migrations/1796530000002-seed-labs-v3';
import V2 from '../../migrations/data/labs-seed-v2.json';
import V3 from '../../migrations/data/labs-seed-v3.json';

/** Catalogue v3: product words are evidence for the ambiguous AI names; operators' edits stay. */
let db: DataSource;

before(async () => {
  db = await openTestDatabase(testConfig());
});
after(async () => {
  await db.destroy();
});

/** The support list of `term` in the lab's stored definition. */
async function support(
  runner: { query: DataSource['query'] },
  slug: string,
  term: string,
): Promise<string[] | undefined> {
  const [row] = (await runner.query(
    `SELECT a->'support' AS support FROM labs, jsonb_array_elements(definition->'ambiguous') a WHERE slug = $1 AND a->>'text' = $2`,
    [slug, term],
  )) as Array<{ support: string[] | null }>;
  return row?.support ?? undefined;
}

test('a migrated database reads "mistral pricing" as Mistral AI: the v3 definition is stored', async () => {
  assert.ok((await support(db, 'mistral-ai', 'Mistral'))?.includes('pricing'));
  assert.notDeepEqual(V3, V2, 'v3 changes the catalogue');
  assert.deepEqual(
    V3.map((l) => l.slug),
    V2.map((l) => l.slug),
    'and keeps its labs',
  );
});

test('down restores v2; up then moves untouched labs to v3 and keeps an operator-edited one', async () => {
  const runner = db.createQueryRunner();
  await runner.startTransaction();
  try {
    // Other test files edit labs over the API; start from the catalogue exactly as v3 seeded it.
    for (const lab of V3)
      await runner.query('UPDATE labs SET definition = $2 WHERE slug = $1', [lab.slug, JSON.stringify(lab)]);
    const migration = new SeedLabsV31796530000002();
    await migration.down(runner);
    assert.equal(await support(runner, 'anthropic', 'Claude'), undefined, 'v2 has no product words');
    await runner.query(
      `UPDATE labs SET definition = jsonb_set(definition, '{people}', '["Mark Zuckerberg"]') WHERE slug = 'meta-ai'`,
    );
    await migration.up(runner);
    assert.ok((await support(runner, 'anthropic', 'Claude'))?.includes('subscription'));
    assert.equal(await support(runner, 'meta-ai', 'Llama'), undefined, "the operator's edit of meta-ai stays");
    const [{ people }] = (await runner.query(
      `SELECT definition->'people' AS people FROM labs WHERE slug = 'meta-ai'`,
    )) as Array<{ people: string[] }>;
    assert.deepEqual(people, ['Mark Zuckerberg']);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
});
