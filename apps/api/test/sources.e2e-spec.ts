import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { SourceRepository } from '@labpulse/persistence';
import { JobProducer, type QueueName } from '@labpulse/queue';
import { createTestApiKey, openTestDatabase, resetData, testConfig } from '@labpulse/testing';
import { listeningApi } from './support/listening-api';

const SECRET = 'x-bearer-secret-for-tests-0001';
let app: INestApplication;
let db: DataSource;
let base: string;
let admin: { authorization: string };

before(async () => {
  const config = testConfig({ X_BEARER_TOKEN: SECRET });
  db = await openTestDatabase(config);
  ({ app, base } = await listeningApi(config));
});
beforeEach(async () => {
  await resetData(db);
  admin = (await createTestApiKey(db, 'admin')).headers;
});
after(async () => {
  await app.close();
  await db.destroy();
});

// Response bodies are loose JSON in tests.
type Json = any;

async function call(
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; type: string; body: Json }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? { ...admin } : { ...admin, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text ? JSON.parse(text) : null };
}

const X_SOURCE = {
  kind: 'x_search',
  name: 'OpenAI on X',
  target: 'OpenAI lang:en',
  options: { pageSize: 50 },
  pollIntervalSeconds: 120,
};

async function create(overrides: Record<string, unknown> = {}): Promise<Json> {
  const res = await call('POST', '/v1/sources', { ...X_SOURCE, ...overrides });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

function assertBadRequest(res: { status: number; type: string; body: Json }, parameter: string): void {
  assert.equal(res.status, 400, JSON.stringify(res.body));
  assert.match(res.type, /^application\/problem\+json/);
  const names = res.body.errors.map((e: { parameter: string }) => e.parameter);
  assert.ok(names.includes(parameter), `${parameter} not in ${JSON.stringify(res.body.errors)}`);
}

async function pollJobsOf(queue: QueueName, sourceId: string): Promise<number> {
  const jobs = await app.get(JobProducer).queue(queue).getJobs(['waiting', 'active', 'delayed', 'prioritized']);
  return jobs.filter((job) => job?.data.sourceId === sourceId).length;
}

describe('sources CRUD', () => {
  test('create, get, list, patch and delete round-trip with the health view', async () => {
    const created = await create();
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(
      {
        kind: created.kind,
        name: created.name,
        target: created.target,
        options: created.options,
        interval: created.pollIntervalSeconds,
        enabled: created.enabled,
      },
      {
        kind: 'x_search',
        name: 'OpenAI on X',
        target: 'OpenAI lang:en',
        options: { pageSize: 50 },
        interval: 120,
        enabled: true,
      },
    );
    const { nextPollAt, ...health } = created.health;
    assert.deepEqual(health, {
      status: 'ok',
      lastPollAt: null,
      lastSuccessAt: null,
      lastError: null,
      consecutiveFailures: 0,
      postsCollected: 0,
      pausedUntil: null,
      pauseReason: null,
    });
    assert.ok(Math.abs(Date.parse(nextPollAt) - Date.now()) < 60_000, 'a new source is due at once');

    assert.deepEqual((await call('GET', `/v1/sources/${created.id}`)).body, created);
    const list = await call('GET', '/v1/sources');
    assert.deepEqual(list.body, { data: [created], nextCursor: null });

    const patched = await call('PATCH', `/v1/sources/${created.id}`, {
      name: 'Renamed',
      enabled: false,
      pollIntervalSeconds: 600,
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.body.name, 'Renamed');
    assert.equal(patched.body.enabled, false);
    assert.equal(patched.body.pollIntervalSeconds, 600);
    assert.equal(patched.body.target, 'OpenAI lang:en');
    assert.equal(patched.body.health.nextPollAt, null, 'a disabled source is not polled');

    const removed = await call('DELETE', `/v1/sources/${created.id}`);
    assert.equal(removed.status, 204);
    const gone = await call('GET', `/v1/sources/${created.id}`);
    assert.equal(gone.status, 404);
    assert.match(gone.type, /^application\/problem\+json/);
    assert.match(gone.body.detail, /unknown source/);
    assert.equal((await call('DELETE', `/v1/sources/${created.id}`)).status, 404);
  });

  test('the health view reports the poller’s bookkeeping, next poll = max(next_poll_at, paused_until), errors redacted', async () => {
    const { id } = await create();
    await db.query(
      `UPDATE sources SET status = 'paused', last_poll_at = '2026-11-20T10:00:00Z', last_success_at = '2026-11-20T09:00:00Z',
         last_error = $2, consecutive_failures = 3, posts_collected = 12345,
         next_poll_at = now() + interval '1 minute', paused_until = now() + interval '2 hours'
       WHERE id = $1`,
      [id, `usage-capped (request was Authorization: Bearer ${SECRET})`],
    );
    const { body } = await call('GET', `/v1/sources/${id}`);
    assert.equal(body.health.status, 'paused');
    assert.equal(body.health.lastPollAt, '2026-11-20T10:00:00.000Z');
    assert.equal(body.health.lastSuccessAt, '2026-11-20T09:00:00.000Z');
    assert.equal(body.health.consecutiveFailures, 3);
    assert.equal(body.health.postsCollected, 12345);
    assert.equal(body.health.nextPollAt, body.health.pausedUntil);
    assert.ok(Date.parse(body.health.pausedUntil) > Date.now() + 3_600_000);
    assert.equal(body.health.lastError, 'usage-capped (request was Authorization: Bearer [redacted])');
    assert.equal(body.health.pauseReason, body.health.lastError, 'while paused, the reason is the pausing answer');
    assert.ok(!JSON.stringify(body).includes(SECRET));
  });

  test('list filters by kind, status and enabled, and pages by keyset without gaps or repeats', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create({ name: `x ${i}`, enabled: i % 2 === 0 })).id);
    const fb = await create({ kind: 'facebook_page', name: 'fb', target: '104958162837', options: {} });
    const li = await create({ kind: 'linkedin_org', name: 'li', target: 'urn:li:organization:2414183', options: {} });
    await db.query(`UPDATE sources SET status = 'auth_failed' WHERE id = $1`, [li.id]);
    const imported = await app
      .get(SourceRepository)
      .create({ kind: 'import', name: 'import a.jsonl', target: '/tmp/a.jsonl' });

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: Json } = await call(
        'GET',
        `/v1/sources?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      assert.equal(res.status, 200);
      assert.ok(res.body.data.length <= 3);
      seen.push(...res.body.data.map((s: { id: string }) => s.id));
      cursor = res.body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    assert.equal(pages, 3);
    assert.deepEqual([...seen].sort(), [...ids, fb.id, li.id, imported.id].sort());

    const idsOf = async (query: string) =>
      (await call('GET', `/v1/sources?${query}`)).body.data.map((s: { id: string }) => s.id).sort();
    assert.deepEqual(await idsOf('kind=facebook_page'), [fb.id]);
    assert.deepEqual(await idsOf('status=auth_failed'), [li.id]);
    assert.deepEqual(await idsOf('enabled=false&kind=x_search'), [ids[1], ids[3]].sort());
    const importView = (await call('GET', '/v1/sources?kind=import')).body.data[0];
    assert.equal(importView.target, '/tmp/a.jsonl');
    assert.equal(importView.health.nextPollAt, null, 'the scheduler never polls imports');

    for (const [query, parameter] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['kind=myspace', 'kind'],
      ['status=sleepy', 'status'],
      ['enabled=yes', 'enabled'],
      ['cursor=not-a-cursor', 'cursor'],
      ['colour=red', 'colour'],
    ]) {
      assertBadRequest(await call('GET', `/v1/sources?${query}`), parameter);
    }
  });

  test('delete keeps the posts (source_id becomes NULL) and drops the source’s rejections', async () => {
    const { id } = await create();
    const other = await create({ name: 'other' });
    await db.query(
      `INSERT INTO posts (platform, external_id, source_id, text, posted_at) VALUES
         ('x', '1', $1, 'one', now()), ('x', '2', $1, 'two', now()), ('x', '3', $2, 'three', now())`,
      [id, other.id],
    );
    await db.query(
      `INSERT INTO ingest_rejections (source_id, location, reason, excerpt) VALUES ($1, 'data[0]', 'bad', ''), ($2, 'data[1]', 'bad', '')`,
      [id, other.id],
    );
    assert.equal((await call('DELETE', `/v1/sources/${id}`)).status, 204);
    const posts = await db.query(`SELECT external_id, source_id FROM posts ORDER BY external_id`);
    assert.deepEqual(posts, [
      { external_id: '1', source_id: null },
      { external_id: '2', source_id: null },
      { external_id: '3', source_id: other.id },
    ]);
    const rejections = await db.query(`SELECT source_id FROM ingest_rejections`);
    assert.deepEqual(rejections, [{ source_id: other.id }]);
  });
});

describe('sources access', () => {
  test('reads need a read key, every write (poll now included) an admin key', async () => {
    const { id } = await create();
    const reader = (await createTestApiKey(db, 'read')).headers;
    const as = (headers: Record<string, string>, method: string, path: string, body?: unknown) =>
      fetch(`${base}${path}`, {
        method,
        headers: { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    assert.equal((await as({}, 'GET', '/v1/sources')).status, 401);
    assert.equal((await as(reader, 'GET', '/v1/sources')).status, 200);
    assert.equal((await as(reader, 'GET', `/v1/sources/${id}`)).status, 200);
    assert.equal((await as(reader, 'POST', '/v1/sources', X_SOURCE)).status, 403);
    assert.equal((await as(reader, 'PATCH', `/v1/sources/${id}`, { name: 'n' })).status, 403);
    assert.equal((await as(reader, 'POST', `/v1/sources/${id}/poll`)).status, 403);
    assert.equal((await as(reader, 'DELETE', `/v1/sources/${id}`)).status, 403);
    assert.equal((await as(reader, 'POST', '/v1/ingest', { posts: [] })).status, 403);
    assert.equal((await call('GET', `/v1/sources/${id}`)).body.name, 'OpenAI on X', 'nothing changed');
  });
});

describe('sources validation', () => {
  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['missing name', { name: undefined }, 'name'],
    ['blank name', { name: '   ' }, 'name'],
    ['import kind (file paths only from the CLI)', { kind: 'import', target: '/etc/passwd' }, 'kind'],
    ['unknown kind', { kind: 'myspace' }, 'kind'],
    ['unknown field', { colour: 'red' }, 'colour'],
    ['interval too short', { pollIntervalSeconds: 5 }, 'pollIntervalSeconds'],
    ['interval too long', { pollIntervalSeconds: 86_401 }, 'pollIntervalSeconds'],
    ['interval as a string', { pollIntervalSeconds: '60' }, 'pollIntervalSeconds'],
    ['enabled null', { enabled: null }, 'enabled'],
    ['blank query', { target: '   ' }, 'target'],
    ['facebook target with a path', { kind: 'facebook_page', target: '1/feed', options: {} }, 'target'],
    ['linkedin person URN', { kind: 'linkedin_org', target: 'urn:li:person:abc', options: {} }, 'target'],
    ['option out of range', { options: { pageSize: 500 } }, 'options.pageSize'],
    ['unknown option key', { options: { pagesize: 50 } }, 'options.pagesize'],
    ['option of another kind', { options: { edge: 'feed' } }, 'options.edge'],
    ['options not an object', { options: ['archive'] }, 'options'],
    ['nested option', { options: { extra: { a: 1 } } }, 'options.extra'],
    ['token in options', { options: { token: 'abc' } }, 'options.token'],
    ['access_token in options', { options: { access_token: 'EAAB' } }, 'options.access_token'],
    ['bearer in options', { options: { bearer: 'AAAA' } }, 'options.bearer'],
    ['Authorization in options', { options: { Authorization: 'Bearer AAAA' } }, 'options.Authorization'],
    ['bearer value in options', { options: { header: 'Bearer AAAA' } }, 'options.header'],
  ];
  for (const [name, overrides, parameter] of invalid) {
    test(`POST 400 naming ${parameter}: ${name}`, async () => {
      assertBadRequest(await call('POST', '/v1/sources', { ...X_SOURCE, ...overrides }), parameter);
      const [{ n }] = await db.query('SELECT count(*)::int AS n FROM sources');
      assert.equal(n, 0, 'nothing stored');
    });
  }

  test('the import kind is refused with a message pointing to the CLI', async () => {
    const res = await call('POST', '/v1/sources', { ...X_SOURCE, kind: 'import', target: '/etc/passwd' });
    assert.match(res.body.errors[0].message, /import sources are created only by the CLI/);
  });

  test('PATCH validates too: kind is immutable, target and options per kind, no tokens', async () => {
    const { id } = await create({ kind: 'facebook_page', target: '104958162837', options: {} });
    assertBadRequest(await call('PATCH', `/v1/sources/${id}`, { kind: 'x_search' }), 'kind');
    assertBadRequest(await call('PATCH', `/v1/sources/${id}`, { target: 'not a page id' }), 'target');
    assertBadRequest(await call('PATCH', `/v1/sources/${id}`, { options: { comment: false } }), 'options.comment');
    assertBadRequest(await call('PATCH', `/v1/sources/${id}`, { options: { edge: 'wall' } }), 'options.edge');
    assertBadRequest(
      await call('PATCH', `/v1/sources/${id}`, { options: { accessToken: 'EAAB' } }),
      'options.accessToken',
    );
    assertBadRequest(await call('PATCH', `/v1/sources/${id}`, { name: null }), 'name');
    const after = (await call('GET', `/v1/sources/${id}`)).body;
    assert.equal(after.target, '104958162837');
    assert.deepEqual(after.options, {});
  });

  test('an import source cannot be pointed at another file over HTTP', async () => {
    const imported = await app
      .get(SourceRepository)
      .create({ kind: 'import', name: 'import a.jsonl', target: '/tmp/a.jsonl' });
    assertBadRequest(await call('PATCH', `/v1/sources/${imported.id}`, { target: '/etc/shadow' }), 'target');
    assertBadRequest(await call('PATCH', `/v1/sources/${imported.id}`, { options: { x: 1 } }), 'options');
    const renamed = await call('PATCH', `/v1/sources/${imported.id}`, { name: 'old import' });
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.target, '/tmp/a.jsonl');
  });

  test('a malformed id is a 400 naming id; an unknown one a 404, on every route', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['PATCH', '', { name: 'n' }],
      ['DELETE', '', undefined],
      ['POST', '/poll', undefined],
    ] as const) {
      assertBadRequest(await call(method, `/v1/sources/not-a-uuid${suffix}`, body), 'id');
      const missing = await call(method, `/v1/sources/${unknown}${suffix}`, body);
      assert.equal(missing.status, 404, `${method} ${suffix}`);
      assert.match(missing.type, /^application\/problem\+json/);
    }
  });
});

describe('edits that re-arm or restart a source', () => {
  test('any PATCH of an auth_failed source sets it back to ok, so the scheduler polls it again', async () => {
    const { id } = await create();
    await db.query(
      `UPDATE sources SET status = 'auth_failed', consecutive_failures = 4, last_error = 'token expired',
         next_poll_at = now() - interval '1 minute' WHERE id = $1`,
      [id],
    );
    const stuck = (await call('GET', `/v1/sources/${id}`)).body;
    assert.equal(stuck.health.status, 'auth_failed');
    assert.equal(stuck.health.nextPollAt, null);
    assert.deepEqual(await app.get(SourceRepository).claimDue(10), [], 'auth_failed sources are not polled');

    const poll = await call('POST', `/v1/sources/${id}/poll`);
    assert.equal(poll.status, 409);
    assert.match(poll.body.detail, /rejected the credentials/);

    const edited = await call('PATCH', `/v1/sources/${id}`, {});
    assert.equal(edited.status, 200);
    assert.equal(edited.body.health.status, 'ok');
    assert.equal(edited.body.health.consecutiveFailures, 0);
    assert.equal(edited.body.health.lastError, 'token expired', 'the last error stays as history');
    assert.deepEqual(await app.get(SourceRepository).claimDue(10), [{ id, kind: 'x_search' }]);
  });

  test('changing target or options resets the cursor (and bumps its version); other edits keep it', async () => {
    const { id } = await create();
    const cursorOf = async () => (await db.query('SELECT cursor, cursor_version FROM sources WHERE id = $1', [id]))[0];
    const setCursor = () =>
      db.query(`UPDATE sources SET cursor = '{"since_id": "1850"}', cursor_version = 5 WHERE id = $1`, [id]);
    await setCursor();
    const kept = { cursor: { since_id: '1850' }, cursor_version: 5 };

    await call('PATCH', `/v1/sources/${id}`, { name: 'new name', enabled: true, pollIntervalSeconds: 60 });
    assert.deepEqual(await cursorOf(), kept);
    await call('PATCH', `/v1/sources/${id}`, { target: 'OpenAI lang:en', options: { pageSize: 50 } });
    assert.deepEqual(await cursorOf(), kept, 'the same target and options are no change');

    const retargeted = await call('PATCH', `/v1/sources/${id}`, { target: 'Anthropic lang:en' });
    assert.equal(retargeted.body.target, 'Anthropic lang:en');
    assert.deepEqual(await cursorOf(), { cursor: null, cursor_version: 6 });

    await setCursor();
    await call('PATCH', `/v1/sources/${id}`, { options: { pageSize: 20 } });
    assert.deepEqual(await cursorOf(), { cursor: null, cursor_version: 6 });
  });
});

describe('poll now', () => {
  test('queues exactly one poll job on the platform’s queue; a second call while it waits adds none', async () => {
    const { id } = await create();
    const first = await call('POST', `/v1/sources/${id}/poll`);
    assert.equal(first.status, 202);
    assert.deepEqual(first.body, {
      sourceId: id,
      queue: 'poll-x',
      jobId: `poll-${id}`,
      alreadyQueued: false,
      state: 'waiting',
    });
    assert.equal(await pollJobsOf('poll-x', id), 1);

    const second = await call('POST', `/v1/sources/${id}/poll`);
    assert.equal(second.status, 202);
    assert.equal(second.body.alreadyQueued, true);
    assert.equal(await pollJobsOf('poll-x', id), 1);

    const fb = await create({ kind: 'facebook_page', target: '104958162837', options: {} });
    const fbPoll = await call('POST', `/v1/sources/${fb.id}/poll`);
    assert.equal(fbPoll.body.queue, 'poll-facebook');
    assert.equal(await pollJobsOf('poll-facebook', fb.id), 1);
    assert.equal(await pollJobsOf('poll-x', fb.id), 0);
  });

  test('a disabled or quota-paused source is a 409 with a clear reason, and nothing is queued', async () => {
    const disabled = await create({ enabled: false });
    const res = await call('POST', `/v1/sources/${disabled.id}/poll`);
    assert.equal(res.status, 409);
    assert.match(res.type, /^application\/problem\+json/);
    assert.match(res.body.detail, /is disabled/);
    assert.equal(await pollJobsOf('poll-x', disabled.id), 0);

    const paused = await create();
    await db.query(`UPDATE sources SET status = 'paused', paused_until = now() + interval '1 hour' WHERE id = $1`, [
      paused.id,
    ]);
    const pausedRes = await call('POST', `/v1/sources/${paused.id}/poll`);
    assert.equal(pausedRes.status, 409);
    assert.match(pausedRes.body.detail, /paused by the platform's quota until .*\/resume lifts the pause/);
    assert.equal(await pollJobsOf('poll-x', paused.id), 0);

    // Resume answers 409 for what it cannot lift, and queues nothing then.
    const notPaused = await call('POST', `/v1/sources/${disabled.id}/resume`);
    assert.equal(notPaused.status, 409);
    await db.query(`UPDATE sources SET enabled = true WHERE id = $1`, [disabled.id]);
    const running = await call('POST', `/v1/sources/${disabled.id}/resume`);
    assert.equal(running.status, 409);
    assert.match(running.body.detail, /is not paused \(status ok\)/);
    assert.equal(await pollJobsOf('poll-x', disabled.id), 0);
  });
});
