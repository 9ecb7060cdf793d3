import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { Webhook } from 'standardwebhooks';
import { SEALED_PREFIX, WebhookRepository, WebhookSecretCipher, createDataSource } from '@labpulse/persistence';
import { createThrowawayDatabase, createTestApiKey, openTestDatabase, resetData, testConfig } from '@labpulse/testing';
import { WebhookSecretsEncrypted1796000000004 } from '../../migrations/1796000000004-webhook-secrets-encrypted';
import { listeningApi } from '../../apps/api/test/support/listening-api';

const run = promisify(execFile);
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const newKey = (): string => randomBytes(32).toString('base64');

let db: DataSource;
before(async () => {
  db = await openTestDatabase(testConfig());
  await resetData(db);
});
after(() => db?.destroy());

async function storedSecrets(): Promise<Array<{ secret: string; previous_secret: string | null }>> {
  return db.query('SELECT secret, previous_secret FROM webhook_endpoints ORDER BY created_at, id');
}

test('secrets are stored encrypted; the signing secret read back is the one the receiver was given', async () => {
  const config = testConfig();
  const { app, base } = await listeningApi(config);
  try {
    const admin = (await createTestApiKey(db, 'admin')).headers;
    const res = await fetch(`${base}/v1/webhooks`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://hooks.example.com/sealed', secret: SECRET }),
    });
    assert.equal(res.status, 201);
    const { id, secret } = (await res.json()) as { id: string; secret: string };
    assert.equal(secret, SECRET);
    const [row] = await db.query('SELECT secret FROM webhook_endpoints WHERE id = $1', [id]);
    assert.ok(row.secret.startsWith(SEALED_PREFIX));
    assert.ok(!row.secret.includes(SECRET.slice(6, 20)));
    const signing = await app.get(WebhookRepository).signingSecrets(id);
    assert.equal(signing?.secret, SECRET);
    // Standard Webhooks behaviour unchanged: a signature made with what the worker reads verifies with what the receiver holds.
    const body = '{"type":"webhook.test"}';
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)) };
    const signature = new Webhook(signing?.secret).sign('msg_1', new Date(), body);
    assert.doesNotThrow(() => new Webhook(SECRET).verify(body, { ...headers, 'webhook-signature': signature }));
    await assert.rejects(
      db.query(`UPDATE webhook_endpoints SET secret = $2 WHERE id = $1`, [id, SECRET]),
      /webhook_endpoints_secret_sealed/,
      'clear text cannot be stored',
    );
  } finally {
    await app.close();
  }
});

test('without WEBHOOK_SECRET_KEY no webhook is created: a 503 that says why, and nothing stored', async () => {
  await resetData(db);
  const config = testConfig();
  const { app, base } = await listeningApi({
    ...config,
    webhooks: { ...config.webhooks, secretKey: null, previousSecretKeys: [] },
  });
  try {
    const admin = (await createTestApiKey(db, 'admin')).headers;
    const res = await fetch(`${base}/v1/webhooks`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://hooks.example.com/nokey' }),
    });
    assert.equal(res.status, 503);
    assert.match(((await res.json()) as { detail: string }).detail, /WEBHOOK_SECRET_KEY/);
    assert.deepEqual(await storedSecrets(), []);
  } finally {
    await app.close();
  }
});

test('a key rotation: the old key kept as previous still opens, `webhooks reseal` re-encrypts with the new one', async () => {
  await resetData(db);
  const oldKey = newKey();
  const config = testConfig({ WEBHOOK_SECRET_KEY: oldKey });
  const repo = new WebhookRepository(db, new WebhookSecretCipher(config));
  const endpoint = await repo.create({
    url: 'https://hooks.example.com/rotate',
    description: '',
    eventTypes: ['alert.firing'],
    secret: SECRET,
  });
  await repo.rotateSecret(endpoint.id, `${SECRET}x`, new Date(Date.now() + 60_000));

  const rotatedKey = newKey();
  const rotated = testConfig({ WEBHOOK_SECRET_KEY: rotatedKey, WEBHOOK_SECRET_KEYS_PREVIOUS: oldKey });
  assert.deepEqual(
    await new WebhookRepository(db, new WebhookSecretCipher(rotated))
      .signingSecrets(endpoint.id)
      .then((s) => [s?.secret, s?.previousSecret]),
    [`${SECRET}x`, SECRET],
  );
  const { stdout } = await run(
    process.execPath,
    ['--require', '@swc-node/register', 'apps/cli/src/main.ts', 'webhooks', 'reseal'],
    {
      env: { DATABASE_URL: rotated.database.url, WEBHOOK_SECRET_KEY: rotatedKey, WEBHOOK_SECRET_KEYS_PREVIOUS: oldKey },
    },
  );
  assert.match(stdout, /re-encrypted the secrets of 1 webhook endpoint/);
  // The previous key can now go.
  const newOnly = new WebhookRepository(db, new WebhookSecretCipher(testConfig({ WEBHOOK_SECRET_KEY: rotatedKey })));
  const secrets = await newOnly.signingSecrets(endpoint.id);
  assert.deepEqual([secrets?.secret, secrets?.previousSecret], [`${SECRET}x`, SECRET]);
  await assert.rejects(
    new WebhookRepository(db, new WebhookSecretCipher(testConfig({ WEBHOOK_SECRET_KEY: oldKey }))).signingSecrets(
      endpoint.id,
    ),
    /neither/,
  );
});

test('the migration encrypts clear secrets in place with the key, and without it stops and changes nothing', async () => {
  const serverUrl = testConfig().database.url;
  const name = `labpulse_secretmig_${randomBytes(4).toString('hex')}`;
  const database = await createThrowawayDatabase(serverUrl, name);
  // Two connections: the migration's runner holds one.
  const mdb = createDataSource({ url: database.url, poolSize: 2 });
  await mdb.initialize();
  const runner = mdb.createQueryRunner();
  const migration = new WebhookSecretsEncrypted1796000000004();
  const saved = process.env.WEBHOOK_SECRET_KEY;
  try {
    // As stored before this migration: clear text.
    await migration.down(runner);
    await mdb.query(
      `INSERT INTO webhook_endpoints (url, description, event_types, secret, previous_secret) VALUES ('https://hooks.example.com/old', '', '{alert.firing}', $1, $2)`,
      [SECRET, `${SECRET}p`],
    );
    delete process.env.WEBHOOK_SECRET_KEY;
    await assert.rejects(
      migration.up(runner),
      /1 webhook endpoint\(s\) have their signing secret stored in clear: set WEBHOOK_SECRET_KEY/,
    );
    assert.deepEqual(await mdb.query('SELECT secret, previous_secret FROM webhook_endpoints'), [
      { secret: SECRET, previous_secret: `${SECRET}p` },
    ]);

    const key = newKey();
    process.env.WEBHOOK_SECRET_KEY = key;
    await migration.up(runner);
    const [row] = await mdb.query('SELECT id, secret, previous_secret FROM webhook_endpoints');
    assert.ok(row.secret.startsWith(SEALED_PREFIX) && row.previous_secret.startsWith(SEALED_PREFIX));
    const secrets = await new WebhookRepository(
      mdb,
      new WebhookSecretCipher(testConfig({ WEBHOOK_SECRET_KEY: key })),
    ).signingSecrets(row.id);
    assert.deepEqual([secrets?.secret, secrets?.previousSecret], [SECRET, `${SECRET}p`]);
  } finally {
    if (saved === undefined) delete process.env.WEBHOOK_SECRET_KEY;
    else process.env.WEBHOOK_SECRET_KEY = saved;
    await runner.release();
    await mdb.destroy();
    await database.drop();
  }
});
