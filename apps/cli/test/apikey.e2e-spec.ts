import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@labpulse/config';
import { hashApiKey } from '@labpulse/persistence';
import { openTestDatabase, resetData, testConfig } from '@labpulse/testing';

const run = promisify(execFile);
let config: AppConfig;
let db: DataSource;

before(async () => {
  config = testConfig();
  db = await openTestDatabase(config);
  await resetData(db);
});
after(() => db?.destroy());

async function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ['--require', '@swc-node/register', 'apps/cli/src/main.ts', 'apikey', ...args],
      {
        // Only what the CLI needs: the test database.
        env: { DATABASE_URL: config.database.url },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

test('apikey create prints the key once, alone on stdout; only its hash is stored', async () => {
  const { code, stdout, stderr } = await cli('create', '--scope', 'admin', '--name', 'first admin');
  assert.equal(code, 0, stderr);
  const key = stdout.trim();
  assert.match(key, /^lp_[A-Za-z0-9_-]{43}$/);
  assert.equal(stdout, `${key}\n`);
  assert.match(stderr, /not shown again/);
  const rows = await db.query('SELECT prefix, key_hash, scopes, name FROM api_keys');
  assert.deepEqual(rows, [
    { prefix: key.slice(0, 11), key_hash: hashApiKey(key), scopes: ['admin'], name: 'first admin' },
  ]);

  const listed = await cli('list');
  assert.match(listed.stdout, new RegExp(`^${key.slice(0, 11)}\\.\\.\\.\\s+admin\\s+active`));
  assert.ok(!listed.stdout.includes(key), 'list never shows the key');

  assert.equal((await cli('revoke', key.slice(0, 11))).code, 0);
  assert.match((await cli('list')).stdout, /revoked/);
  assert.equal((await cli('revoke', key.slice(0, 11))).code, 1, 'revoking twice says there is no such active key');
});

test('bad arguments exit 2 with the usage', async () => {
  for (const args of [['create', '--scope', 'root'], ['create', '--scope', 'read', '--rate-limit', '0'], ['rotate']]) {
    const res = await cli(...args);
    assert.equal(res.code, 2, args.join(' '));
    assert.match(res.stderr, /usage: npm run --silent cli -- apikey/);
  }
});
