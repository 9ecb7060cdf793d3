import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createTestApiKey, openTestDatabase, resetData, testConfig, waitFor } from '@labpulse/testing';
import { bootstrapWorker, type RunningWorker } from '../../apps/worker/src/bootstrap-worker';
import { listeningApi } from '../../apps/api/test/support/listening-api';

/** The lab catalogue over REST, and edits reaching the scorer of a running worker without a restart. */
let app: INestApplication;
let worker: RunningWorker;
let db: DataSource;
let base: string;
let admin: { authorization: string };
let reader: { authorization: string };

before(async () => {
  const config = testConfig({ API_CACHE_SECONDS: '0', SCHEDULER_INTERVAL_MS: '3600000' });
  db = await openTestDatabase(config);
  await resetData(db);
  admin = (await createTestApiKey(db, 'admin')).headers;
  reader = (await createTestApiKey(db, 'read')).headers;
  worker = await bootstrapWorker(config);
  ({ app, base } = await listeningApi(config));
});
after(async () => {
  await db.query(`DELETE FROM labs WHERE slug LIKE 'test-%'`);
  await app.close();
  await worker.close();
  await db.destroy();
});

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers = admin,
): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? null : await res.json() };
}

const FROBNICA = {
  slug: 'test-frobnica',
  name: 'Frobnica Labs',
  aliases: ['Frobnica'],
  products: ['Frobnicator 9000'],
  people: ['Ada Frobnic'],
  handles: ['@frobnica'],
  hashtags: ['#frobnica'],
};

test('a lab created over REST is listed and returned whole; a read key may not create one', async () => {
  assert.equal((await call('POST', '/v1/labs', FROBNICA, reader)).status, 403);
  const created = await call('POST', '/v1/labs', FROBNICA);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.deepEqual(created.body.definition.products, ['Frobnicator 9000']);
  assert.deepEqual(created.body.definition.ambiguous, []);
  assert.equal((await call('POST', '/v1/labs', FROBNICA)).status, 409);
  const list = await call('GET', '/v1/labs', undefined, reader);
  assert.ok(list.body.data.some((lab: { slug: string }) => lab.slug === 'test-frobnica'));
  assert.equal((await call('GET', '/v1/labs/test-frobnica', undefined, reader)).body.name, 'Frobnica Labs');
  assert.equal((await call('GET', '/v1/labs/test-nope', undefined, reader)).status, 404);
});

test('invalid catalogue entries are 400s naming the field', async () => {
  const cases: Array<[unknown, string]> = [
    [{ ...FROBNICA, slug: 'Bad Slug' }, 'slug'],
    [{ ...FROBNICA, slug: 'test-x', aliases: 'Frobnica' }, 'aliases'],
    [{ ...FROBNICA, slug: 'test-y', ambiguous: [{ text: 'Frob', kind: 'product', acceptSuffix: '([' }] }, 'ambiguous'],
    [{ ...FROBNICA, slug: 'test-z', colour: 'red' }, 'colour'],
  ];
  for (const [body, field] of cases) {
    const res = await call('POST', '/v1/labs', body);
    assert.equal(res.status, 400, JSON.stringify(res.body));
    assert.ok(
      res.body.errors.some((e: { parameter: string }) => e.parameter.startsWith(field)),
      `${field}: ${JSON.stringify(res.body.errors)}`,
    );
  }
});

test('an edit reaches the running scorer without a restart', async () => {
  const post = (id: string) => ({
    posts: [
      { platform: 'x', id, author: 'a', text: 'Quuxbot is honestly brilliant', created_at: '2026-11-01T10:00:00Z' },
    ],
  });
  const mentionsOf = async (id: string) => {
    const scored = await db.query(
      `SELECT 1 FROM post_scores s JOIN posts p ON p.id = s.post_id WHERE p.external_id = $1`,
      [id],
    );
    if (scored.length === 0) return undefined;
    return db.query(
      `SELECT m.lab_slug, m.evidence FROM post_lab_mentions m JOIN posts p ON p.id = m.post_id WHERE p.external_id = $1`,
      [id],
    );
  };
  // Before the edit the running scorer does not know the name.
  assert.equal((await call('POST', '/v1/ingest', post('labs-e2e-before'))).status, 202);
  assert.deepEqual(
    await waitFor(() => mentionsOf('labs-e2e-before'), { description: 'the first post to be scored' }),
    [],
  );

  const patched = await call('PATCH', '/v1/labs/test-frobnica', { products: ['Frobnicator 9000', 'Quuxbot'] });
  assert.equal(patched.status, 200);
  assert.deepEqual(patched.body.definition.aliases, ['Frobnica'], 'fields not sent are kept');
  assert.equal((await call('POST', '/v1/ingest', post('labs-e2e-after'))).status, 202);
  const mentions = await waitFor(() => mentionsOf('labs-e2e-after'), { description: 'the second post to be scored' });
  assert.deepEqual(mentions, [{ lab_slug: 'test-frobnica', evidence: 'Quuxbot' }]);
});
