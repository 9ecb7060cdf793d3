import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type MigrationInterface } from 'typeorm';
import { MIGRATIONS, RENUMBERED_MIGRATIONS } from '../../migrations';
import { MIGRATIONS_TABLE, dataSourceOptions, runMigrations } from '@labpulse/persistence';
import { createThrowawayDatabase, testConfig, type ThrowawayDatabase } from '@labpulse/testing';

/**
 * The migration history: its order is the files' order and the clock's (so the next migration made
 * from the clock sorts last), and a database upgraded step by step, or from before the renumbering,
 * ends with the same schema as a fresh one.
 */
const created: ThrowawayDatabase[] = [];
after(async () => {
  for (const db of created) await db.drop();
});

const timestampOf = (name: string) => Number(/(\d{13})$/.exec(name)?.[1]);
const instanceName = (m: new () => MigrationInterface) => new m().name ?? m.name;

test('MIGRATIONS lists every migration file, in file order, with increasing timestamps none in the future', () => {
  const files = readdirSync(join(__dirname, '..', '..', 'migrations'))
    .filter((f) => /^\d{13}-.+\.ts$/.test(f))
    .sort();
  const listed = MIGRATIONS.map((m) => timestampOf(instanceName(m)));
  assert.deepEqual(
    listed,
    files.map((f) => Number(f.slice(0, 13))),
  );
  for (let i = 1; i < listed.length; i++) assert.ok(listed[i] > listed[i - 1], `${listed[i]} after ${listed[i - 1]}`);
  assert.ok(listed[listed.length - 1] <= Date.now(), `migration ${listed[listed.length - 1]} is dated in the future`);
  for (const r of RENUMBERED_MIGRATIONS) {
    assert.ok(
      MIGRATIONS.some((m) => instanceName(m) === r.to),
      `${r.to} is a migration`,
    );
    assert.equal(timestampOf(r.to), r.timestamp);
  }
});

/** A fresh database, migrated with the given list (the current one by default). */
async function database(tag: string, migrations = MIGRATIONS): Promise<DataSource> {
  const name = `${process.env.LABPULSE_TEST_RUN ?? 'lpt'}_mig_${tag}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const db = await createThrowawayDatabase(testConfig().database.url, name, { migrate: false });
  created.push(db);
  const source = new DataSource({ ...dataSourceOptions({ url: db.url, poolSize: 2 }), migrations });
  await source.initialize();
  await runMigrations(source);
  return source;
}

/** Tables, columns, indexes, constraints, triggers and functions of the public schema, as text. */
async function schemaOf(db: DataSource): Promise<string[]> {
  const rows = (await db.query(`
    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS d
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '${MIGRATIONS_TABLE}'
    UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '${MIGRATIONS_TABLE}'
    UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid <> '${MIGRATIONS_TABLE}'::regclass
    UNION ALL SELECT 'trigger ' || pg_get_triggerdef(oid) FROM pg_trigger WHERE NOT tgisinternal
    UNION ALL SELECT 'function ' || pg_get_functiondef(p.oid) FROM pg_proc p WHERE pronamespace = 'public'::regnamespace
    UNION ALL SELECT 'lab ' || slug || ' ' || md5(definition::text) FROM labs
    ORDER BY 1`)) as Array<{ d: string }>;
  return rows.map((r) => r.d);
}

test('a database upgraded step by step, or applied under the old names, ends like a fresh one', async () => {
  const fresh = await database('fresh');
  const freshSchema = await schemaOf(fresh);

  // Upgraded: the migrations up to data-lifecycle (the last release before the renumbering), then the rest.
  const cut = MIGRATIONS.findIndex((m) => timestampOf(instanceName(m)) === 1796000000000) + 1;
  assert.ok(cut > 0 && cut < MIGRATIONS.length);
  const upgraded = await database('upgraded', MIGRATIONS.slice(0, cut));
  await upgraded.destroy();
  const again = new DataSource({
    ...dataSourceOptions({ url: (upgraded.options as { url: string }).url, poolSize: 2 }),
  });
  await again.initialize();
  assert.deepEqual(await runMigrations(again), MIGRATIONS.slice(cut).map(instanceName));
  assert.deepEqual(await schemaOf(again), freshSchema);
  await again.destroy();

  // Applied under the old names: the rows are renamed, nothing runs twice.
  for (const r of RENUMBERED_MIGRATIONS) {
    await fresh.query(`UPDATE ${MIGRATIONS_TABLE} SET name = $1, timestamp = $2 WHERE name = $3`, [
      r.from,
      timestampOf(r.from),
      r.to,
    ]);
  }
  assert.deepEqual(await runMigrations(fresh), []);
  const names = (
    (await fresh.query(`SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY timestamp`)) as Array<{ name: string }>
  ).map((r) => r.name);
  assert.deepEqual(names, MIGRATIONS.map(instanceName));
  assert.deepEqual(await schemaOf(fresh), freshSchema);
  await fresh.destroy();
});
