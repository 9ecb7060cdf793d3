import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createTestApiKey, openTestDatabase, resetData, type TestApiKey, testConfig } from '@labpulse/testing';
import { createApiApp } from '../../apps/api/src/bootstrap-api';

/**
 * The alerting REST surface over HTTP: rules (CRUD, validation naming each field: T19d), webhook
 * registration (T5, with WEBHOOK_REQUIRE_HTTPS on as in production), scopes.
 */
let api: INestApplication;
let db: DataSource;
let base: string;
let admin: TestApiKey;
let reader: TestApiKey;

before(async () => {
  const config = testConfig({ WEBHOOK_ALLOW_PRIVATE: 'false', WEBHOOK_REQUIRE_HTTPS: 'true' });
  db = await openTestDatabase(config);
  await resetData(db);
  api = await createApiApp(config);
  await api.listen(0, '127.0.0.1');
  base = (await api.getUrl()).replace('[::1]', '127.0.0.1');
  admin = await createTestApiKey(db, 'admin');
  reader = await createTestApiKey(db, 'read');
});
after(async () => {
  await api?.close();
  await db?.destroy();
});

interface Problem {
  status: number;
  type: string;
  errors?: Array<{ parameter: string; message: string }>;
}

async function call<T = Problem>(
  method: string,
  path: string,
  body?: unknown,
  key: TestApiKey | null = admin,
): Promise<{ status: number; type: string; body: T }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(key ? key.headers : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: (text === '' ? null : JSON.parse(text)) as T,
  };
}

describe('alert rules', () => {
  it('the default rule set is seeded and listed', async () => {
    const res = await call<{ data: Array<{ name: string; metric: string; labId: string | null; platform: string }> }>(
      'GET',
      '/v1/alert-rules',
    );
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.data.map((r) => [r.name, r.metric, r.labId, r.platform]),
      [
        ['Volume spike', 'volume', null, 'all'],
        ['Negative share rising', 'negative_share', null, 'all'],
        ['Stance against rising', 'stance_against_share', null, 'all'],
        ['Net sentiment falling', 'net_sentiment', null, 'all'],
      ],
    );
  });

  it('create, read, patch, replace and delete; omitted settings take the metric defaults', async () => {
    const created = await call<{
      id: string;
      version: number;
      detector: string;
      window: string;
      minVolume: number;
      enabled: boolean;
    }>('POST', '/v1/alert-rules', {
      name: 'Anthropic on X',
      labId: 'anthropic',
      platform: 'x',
      metric: 'negative_share',
    });
    assert.equal(created.status, 201);
    assert.deepEqual(
      [created.body.detector, created.body.window, created.body.minVolume, created.body.version, created.body.enabled],
      ['two_proportion', '1h', 30, 1, true],
    );
    const id = created.body.id;
    const patched = await call<{ enterThreshold: number; version: number; labId: string }>(
      'PATCH',
      `/v1/alert-rules/${id}`,
      { enterThreshold: 3.5 },
    );
    assert.equal(patched.status, 200);
    assert.deepEqual([patched.body.enterThreshold, patched.body.version, patched.body.labId], [3.5, 2, 'anthropic']);
    const replaced = await call<{ labId: string | null; enterThreshold: number; version: number }>(
      'PUT',
      `/v1/alert-rules/${id}`,
      {
        name: 'Every lab, volume',
        metric: 'volume',
      },
    );
    assert.equal(replaced.status, 200);
    assert.deepEqual([replaced.body.labId, replaced.body.enterThreshold, replaced.body.version], [null, 4, 3]);
    assert.equal((await call('GET', `/v1/alert-rules/${id}`)).status, 200);
    assert.equal((await call('DELETE', `/v1/alert-rules/${id}`)).status, 204);
    assert.equal((await call('GET', `/v1/alert-rules/${id}`)).status, 404);
    assert.equal((await call('DELETE', `/v1/alert-rules/${id}`)).status, 404);
    assert.equal((await call('GET', '/v1/alert-rules/not-a-uuid')).status, 400);
  });

  it('T19d: every invalid combination is a 400 problem naming its field, and nothing is stored', async () => {
    const before = (await call<{ data: unknown[] }>('GET', '/v1/alert-rules')).body.data.length;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: 'a', metric: 'volume', enterThreshold: 0 }, 'enterThreshold'],
      [{ name: 'a', metric: 'volume', window: '7m' }, 'window'],
      [{ name: 'a', metric: 'volume', enterThreshold: 3, exitThreshold: 3 }, 'exitThreshold'],
      [{ name: 'a', metric: 'volume', minVolume: -1 }, 'minVolume'],
      [{ name: 'a', metric: 'volume', labId: 'no-such-lab' }, 'labId'],
      [{ name: 'a', metric: 'volume', detector: 'two_proportion' }, 'detector'],
      [{ name: 'a', metric: 'sentiment' }, 'metric'],
      [{ name: 'a', metric: 'volume', colour: 'red' }, 'colour'],
    ];
    for (const [body, field] of cases) {
      const res = await call('POST', '/v1/alert-rules', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.type, /application\/problem\+json/);
      assert.ok(
        res.body.errors?.some((e) => e.parameter === field),
        `${field}: ${JSON.stringify(res.body.errors)}`,
      );
    }
    const several = await call('POST', '/v1/alert-rules', {
      name: '',
      metric: 'volume',
      enterThreshold: -1,
      window: 'soon',
    });
    assert.deepEqual(several.body.errors?.map((e) => e.parameter).sort(), [
      'enterThreshold',
      'exitThreshold',
      'name',
      'window',
    ]);
    const patch = await call('PATCH', `/v1/alert-rules/6a1e0c52-6f1b-4c55-9a41-0d3c8f6b2a02`, { exitThreshold: 5 });
    assert.equal(patch.status, 400);
    assert.equal(patch.body.errors?.[0].parameter, 'exitThreshold');
    assert.equal((await call<{ data: unknown[] }>('GET', '/v1/alert-rules')).body.data.length, before);
  });

  it('rules and webhooks need the admin scope; alerts and evaluations are readable with a read key', async () => {
    assert.equal((await call('GET', '/v1/alert-rules', undefined, null)).status, 401);
    assert.equal((await call('GET', '/v1/alert-rules', undefined, reader)).status, 403);
    assert.equal((await call('GET', '/v1/webhooks', undefined, reader)).status, 403);
    assert.equal((await call('POST', '/v1/webhooks', { url: 'https://hooks.example.com/x' }, reader)).status, 403);
    assert.equal((await call('GET', '/v1/alerts', undefined, reader)).status, 200);
    assert.equal((await call('GET', '/v1/alert-evaluations', undefined, reader)).status, 200);
    assert.equal((await call('GET', '/v1/alerts?status=open', undefined, reader)).status, 400);
  });
});

describe('webhook endpoints', () => {
  it('T5: bad secrets and bad URLs are 400s with field errors; nothing is persisted', async () => {
    const long = `https://hooks.example.com/${'a'.repeat(2_100)}`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ url: 'https://hooks.example.com/x', secret: 'whsec_' }, 'secret'],
      [{ url: 'https://hooks.example.com/x', secret: 'whsec_not*base64!' }, 'secret'],
      [{ url: 'https://hooks.example.com/x', secret: 'whsec_AAAA' }, 'secret'],
      [{ url: 'https://user:pass@hooks.example.com/x' }, 'url'],
      [{ url: 'ftp://hooks.example.com/x' }, 'url'],
      [{ url: 'http://hooks.example.com/x' }, 'url'],
      [{ url: 'https://hooks.example.com:22/x' }, 'url'],
      [{ url: long }, 'url'],
      [{ url: 'https://hooks.example.com/x', eventTypes: ['alert.sometimes'] }, 'eventTypes'],
      [{ url: 'https://hooks.example.com/x', eventTypes: [] }, 'eventTypes'],
    ];
    for (const [body, field] of cases) {
      const res = await call('POST', '/v1/webhooks', body);
      assert.equal(res.status, 400, JSON.stringify(body).slice(0, 100));
      assert.ok(
        res.body.errors?.some((e) => e.parameter === field),
        `${field}: ${JSON.stringify(res.body.errors)}`,
      );
    }
    const both = await call('POST', '/v1/webhooks', { url: 'ftp://x.example.com/', secret: 'whsec_' });
    assert.deepEqual(both.body.errors?.map((e) => e.parameter).sort(), ['secret', 'url']);
    assert.deepEqual((await call<{ data: unknown[] }>('GET', '/v1/webhooks')).body.data, []);
    const [rows] = await db.query('SELECT count(*)::int AS n FROM webhook_endpoints');
    assert.equal(rows.n, 0);
  });

  it('creation shows a whsec_ secret once; reads never do; edits re-validate the URL', async () => {
    const created = await call<{
      id: string;
      secret: string;
      eventTypes: string[];
      allEvents: boolean;
      status: string;
    }>('POST', '/v1/webhooks', {
      url: 'https://hooks.example.com/labpulse',
      description: 'ops',
    });
    assert.equal(created.status, 201);
    assert.match(created.body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    assert.deepEqual(created.body.eventTypes, [
      'alert.firing',
      'alert.reminder',
      'alert.escalated',
      'alert.resolved',
      'source.failing',
      'source.paused',
      'source.resumed',
    ]);
    assert.equal(created.body.allEvents, true, 'no list given: every type, including later ones');
    const narrowed = await call<{ eventTypes: string[]; allEvents: boolean }>(
      'PATCH',
      `/v1/webhooks/${created.body.id}`,
      { eventTypes: ['alert.firing'] },
    );
    assert.deepEqual([narrowed.body.eventTypes, narrowed.body.allEvents], [['alert.firing'], false]);
    const read = await call<Record<string, unknown>>('GET', `/v1/webhooks/${created.body.id}`);
    assert.equal(read.status, 200);
    assert.equal(JSON.stringify(read.body).includes(created.body.secret), false);
    assert.equal('secret' in read.body, false);
    const bad = await call('PATCH', `/v1/webhooks/${created.body.id}`, { url: 'https://169.254.169.254/' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.errors?.[0].parameter, 'url');
    const off = await call<{ status: string; disabledReason: string }>('PATCH', `/v1/webhooks/${created.body.id}`, {
      enabled: false,
    });
    assert.deepEqual([off.body.status, off.body.disabledReason], ['disabled', 'manual']);
    assert.equal((await call('POST', `/v1/webhooks/${created.body.id}/test`)).status, 409);
    assert.equal((await call('DELETE', `/v1/webhooks/${created.body.id}`)).status, 204);
    assert.equal((await call('GET', `/v1/webhooks/${created.body.id}`)).status, 404);
  });
});
