import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ApiKeyRepository } from '@labpulse/persistence';
import { createTestApiKey, openTestDatabase, resetData, seedScoredPosts, testConfig, waitFor } from '@labpulse/testing';
import { listeningApi } from './support/listening-api';

/**
 * Issue 16's reproductions, each as it was sent: huge arrays, bodies without a key, forged
 * cursors, null secrets, impossible dates, random keys, key-like request ids. Every answer is a
 * 4xx naming what was wrong; none is a 5xx, a stall or a write.
 */
let app: INestApplication;
let db: DataSource;
let base: string;
let admin: { authorization: string };
let read: { authorization: string };

const AUTH_FAILURES_PER_MINUTE = 5;

before(async () => {
  const config = testConfig({
    AUTH_FAILURES_PER_MINUTE: String(AUTH_FAILURES_PER_MINUTE),
    WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'),
  });
  db = await openTestDatabase(config);
  await resetData(db);
  await seedScoredPosts(
    db,
    ['1', '2', '3'].map((id) => ({
      platform: 'x' as const,
      id,
      at: `2026-11-20T10:0${id}:00Z`,
      sentiment: { label: 'negative' as const, score: -0.5 },
      mentions: [{ lab: 'openai', stance: 'against' as const, score: -0.5 }],
      likes: Number(id),
    })),
  );
  admin = (await createTestApiKey(db, 'admin')).headers;
  read = (await createTestApiKey(db, 'read')).headers;
  ({ app, base } = await listeningApi(config));
});
after(async () => {
  await app?.close();
  await db?.destroy();
});

interface Answer {
  status: number;
  headers: Headers;
  body: any;
}

async function call(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(options.body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    body: options.body,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // CSV, HTML
  }
  return { status: res.status, headers: res.headers, body };
}

const parameters = (answer: Answer): string[] =>
  (answer.body.errors ?? []).map((e: { parameter: string }) => e.parameter);
const count = async (sql: string): Promise<number> => Number((await db.query(sql))[0].n);

test('POST /v1/ingest with 1.6 million empty objects is a 400 naming the body, before they are parsed and walked', async () => {
  const res = await call('POST', '/v1/ingest', {
    headers: admin,
    body: JSON.stringify({ posts: new Array(1_600_000).fill({}) }),
  });
  assert.equal(res.status, 400);
  assert.deepEqual(parameters(res), ['(body)']);
  assert.match(res.body.detail, /more than 100,000 JSON values/);
});

test('an array longer than any route takes is a 400 naming it, before its items are walked', async () => {
  const res = await call('POST', '/v1/ingest', {
    headers: admin,
    body: JSON.stringify({ posts: new Array(5_000).fill(1) }),
  });
  assert.equal(res.status, 400);
  assert.deepEqual(parameters(res), ['posts']);
});

test('POST /v1/labs with 1.2 million aliases, or 1,000, is refused and nothing is stored', async () => {
  const lab = (aliases: string[]) => JSON.stringify({ slug: 'alias-flood', name: 'Alias Flood', aliases });
  const huge = await call('POST', '/v1/labs', { headers: admin, body: lab(new Array(1_200_000).fill('a')) });
  assert.equal(huge.status, 400);
  const many = await call('POST', '/v1/labs', {
    headers: admin,
    body: lab(Array.from({ length: 1_000 }, (_, i) => `Alias ${i}`)),
  });
  assert.equal(many.status, 400);
  assert.deepEqual(parameters(many), ['aliases']);
  assert.match(many.body.errors[0].message, /at most 200/);
  assert.equal(await count(`SELECT count(*) AS n FROM labs WHERE slug = 'alias-flood'`), 0);
});

test('a request with a body and no known key is a 401 before its body is parsed, on any path', async () => {
  for (const path of ['/v1/ingest', '/v1/labs', '/no/such/path']) {
    const unknownKey = { authorization: `Bearer lp_${randomBytes(32).toString('base64url').slice(0, 43)}` };
    for (const headers of [{}, unknownKey] as Array<Record<string, string>>) {
      // Malformed JSON: parsing it first was a 400 from the parser, whoever sent it.
      const res = await call('POST', path, { headers, body: '{"posts": [' });
      assert.equal(res.status, 401, `${path} ${JSON.stringify(headers)}`);
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
    }
  }
});

test('well-formed but impossible values in a cursor are a 400 naming cursor on every paginated route', async () => {
  const cursor = (value: unknown) =>
    Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
  const first = await call('GET', '/v1/labs/openai/posts?sort=recent&limit=1', { headers: read });
  assert.equal(first.status, 200);
  const issued = JSON.parse(Buffer.from(first.body.next, 'base64url').toString()) as {
    q: string;
    k: string;
    i: string;
  };
  const postCursor = (k: string) => cursor({ ...issued, k });
  const negative = await call('GET', '/v1/labs/openai/posts?sort=most_negative&limit=1', { headers: read });
  const negativeIssued = JSON.parse(Buffer.from(negative.body.next, 'base64url').toString()) as { q: string };
  const webhook = await call('POST', '/v1/webhooks', {
    headers: admin,
    body: JSON.stringify({ url: 'https://hooks.example.com/labpulse' }),
  });
  assert.equal(webhook.status, 201);

  const forged: Array<[string, string]> = [
    ['/v1/sources', cursor(['2026-02-30T00:00:00.000000Z', '00000000-0000-0000-0000-000000000000'])],
    ['/v1/sources', cursor(['2026-13-01T00:00:00.000000Z', '00000000-0000-0000-0000-000000000000'])],
    ['/v1/labs/openai/posts?sort=recent&limit=1', postCursor('2026-02-30T10:00:00.000000Z')],
    ['/v1/labs/openai/posts?sort=recent&limit=1', postCursor('2026-13-01T10:00:00.000000Z')],
    ['/v1/labs/openai/posts?sort=recent&limit=1', postCursor('2026-11-20T25:00:00.000000Z')],
    ['/v1/labs/openai/posts?sort=most_negative&limit=1', cursor({ ...negativeIssued, k: '1e999', i: '1' })],
    ['/v1/labs/openai/posts?sort=most_negative&limit=1', cursor({ ...negativeIssued, k: '1e-999', i: '1' })],
    ['/v1/labs/openai/posts?sort=recent&limit=1', cursor({ ...issued, i: '9223372036854775808' })],
    ['/v1/alerts', cursor('s:9223372036854775808')],
    ['/v1/alert-evaluations', cursor('s:9999999999999999999')],
    [`/v1/webhooks/${webhook.body.id}/deliveries`, cursor('s:9223372036854775808')],
  ];
  for (const [path, value] of forged) {
    const res = await call('GET', `${path}${path.includes('?') ? '&' : '?'}cursor=${value}`, { headers: admin });
    assert.equal(
      res.status,
      400,
      `${path} with ${Buffer.from(value, 'base64url').toString()}: ${JSON.stringify(res.body)}`,
    );
    assert.deepEqual(parameters(res), ['cursor']);
  }
});

test('POST /v1/webhooks with "secret": null is a 400 naming secret', async () => {
  const res = await call('POST', '/v1/webhooks', {
    headers: admin,
    body: JSON.stringify({ url: 'https://hooks.example.com/null', secret: null }),
  });
  assert.equal(res.status, 400);
  assert.deepEqual(parameters(res), ['secret']);
});

test('an X-Request-Id carrying an API key is neither kept nor echoed; a plain one is', async () => {
  const key = admin.authorization.slice('Bearer '.length);
  const res = await call('GET', '/health', { headers: { 'x-request-id': key } });
  assert.notEqual(res.headers.get('x-request-id'), key);
  assert.ok(!(res.headers.get('x-request-id') ?? '').includes(key.slice(3, 20)));
  const plain = await call('GET', '/health', { headers: { 'x-request-id': 'trace-4f2a.9' } });
  assert.equal(plain.headers.get('x-request-id'), 'trace-4f2a.9');
});

test('random well-formed keys: at most AUTH_FAILURES_PER_MINUTE lookups per address, then 429s; known keys, even new ones, still work', async () => {
  await call('GET', '/v1/labs', { headers: read });
  const repository = app.get(ApiKeyRepository);
  const findByPrefix = repository.findByPrefix.bind(repository);
  let lookups = 0;
  repository.findByPrefix = (prefix: string) => {
    lookups += 1;
    return findByPrefix(prefix);
  };
  try {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 200; i++) {
      const res = await call('GET', '/v1/labs', {
        headers: { authorization: `Bearer lp_${randomBytes(32).toString('base64url').slice(0, 43)}` },
      });
      statuses.push(res.status);
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    // Earlier tests may have spent some of this minute's lookups from the same address.
    assert.ok(statuses.filter((s) => s === 401).length <= AUTH_FAILURES_PER_MINUTE, statuses.join(','));
    assert.ok(
      statuses.slice(AUTH_FAILURES_PER_MINUTE).every((s) => s === 429),
      statuses.join(','),
    );
    assert.ok(lookups <= AUTH_FAILURES_PER_MINUTE, `${lookups} key lookups for 200 random keys`);
    assert.ok(Number(retryAfter) >= 1 && Number(retryAfter) <= 60);
    // A known key from the same address is not slowed, nor one created just now (found by a reload).
    assert.equal((await call('GET', '/v1/labs', { headers: read })).status, 200);
    const fresh = (await createTestApiKey(db, 'read')).headers;
    await waitFor(async () => (await call('GET', '/v1/labs', { headers: fresh })).status === 200, {
      timeoutMs: 5_000,
      description: 'a new key to be accepted',
    });
  } finally {
    repository.findByPrefix = findByPrefix;
  }
});

test('JSON, CSV and problem answers say nosniff; /docs and the queue dashboard cannot be framed; nothing says X-Powered-By', async () => {
  const answers = [
    await call('GET', '/v1/labs', { headers: read }),
    await call('GET', '/v1/labs/openai/posts?format=csv', { headers: read }),
    await call('GET', '/v1/labs/nope/posts', { headers: read }),
    await call('GET', '/docs'),
    await call('GET', '/admin/queues', { headers: admin }),
  ];
  for (const res of answers) {
    assert.equal(
      res.headers.get('x-content-type-options'),
      'nosniff',
      `${res.status} ${res.headers.get('content-type')}`,
    );
    assert.equal(res.headers.get('x-powered-by'), null);
  }
  const [, csv, problem, docs, board] = answers;
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  assert.match(problem.headers.get('content-type') ?? '', /^application\/problem\+json/);
  assert.equal(docs.status, 200);
  assert.match(docs.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  assert.match(docs.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.equal(docs.headers.get('x-frame-options'), 'DENY');
  assert.equal(board.status, 200);
  assert.equal(board.headers.get('x-frame-options'), 'DENY');
  assert.match(board.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
});
