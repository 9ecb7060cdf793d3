import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, Delete, Get, type INestApplication, Module, Post } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '@labpulse/config';
import { ApiKeyRepository } from '@labpulse/persistence';
import { createTestApiKey, openTestDatabase, resetData, testConfig } from '@labpulse/testing';
import { ApiModule } from '../src/api.module';
import { Public, Scopes } from '../src/auth';
import { createApiApp } from '../src/bootstrap-api';

/** Routes that exist only in this test, to exercise the guard's rules on every kind of route. */
@Controller('probe')
class ProbeController {
  @Get()
  read(): { ok: boolean } {
    return { ok: true };
  }

  @Post()
  @Scopes('admin')
  write(): { ok: boolean } {
    return { ok: true };
  }

  // No decorator: a write method needs admin by default.
  @Delete()
  remove(): { ok: boolean } {
    return { ok: true };
  }

  @Get('open')
  @Public()
  open(): { ok: boolean } {
    return { ok: true };
  }
}

function probeModule(config: AppConfig) {
  @Module({ imports: [ApiModule.forRoot(config)], controllers: [ProbeController] })
  class ProbeModule {}
  return { module: ProbeModule };
}

let config: AppConfig;
let db: DataSource;
const apps: INestApplication[] = [];
let base: string;
let replica: string;

before(async () => {
  config = testConfig({ API_CACHE_SECONDS: '0', RATE_LIMIT_PER_MINUTE: '1000' });
  db = await openTestDatabase(config);
  await resetData(db);
  for (let i = 0; i < 2; i += 1) {
    const app = await createApiApp(config, probeModule(config));
    await app.listen(0, '127.0.0.1');
    apps.push(app);
  }
  base = await apps[0].getUrl();
  replica = await apps[1].getUrl();
});
after(async () => {
  for (const app of apps) await app.close();
  await db?.destroy();
});

async function call(url: string, method = 'GET', headers: Record<string, string> = {}) {
  const res = await fetch(url, { method, headers });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    body: text.startsWith('{') ? (JSON.parse(text) as Record<string, any>) : {},
  };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('API keys and scopes', () => {
  test('no key is a 401 problem with a WWW-Authenticate challenge', async () => {
    const res = await call(`${base}/probe`);
    assert.equal(res.status, 401);
    assert.equal(res.body.type, '/problems/unauthorized');
    assert.equal(res.headers.get('www-authenticate'), 'Bearer realm="labpulse"');
    assert.equal((await call(`${base}/v1/trends?labs=openai&interval=day&from=2026-10-01&to=2026-10-02`)).status, 401);
  });

  test('malformed, unknown and revoked keys are 401 invalid_token', async () => {
    const keys = new ApiKeyRepository(db);
    const revoked = await keys.issue({ scopes: ['admin'] });
    assert.ok(await keys.revoke(revoked.record.prefix));
    for (const header of [
      'Bearer nope',
      'Basic dXNlcjpwYXNz',
      `Bearer lp_${'A'.repeat(43)}`,
      `Bearer ${revoked.key}`,
      `Bearer ${revoked.key.slice(0, -1)}x`,
    ]) {
      const res = await call(`${base}/probe`, 'GET', { authorization: header });
      assert.equal(res.status, 401, header);
    }
    const invalid = await call(`${base}/probe`, 'GET', bearer(revoked.key));
    assert.match(invalid.headers.get('www-authenticate') ?? '', /error="invalid_token"/);
  });

  test('a read key reads but cannot write: 403 naming the scope', async () => {
    const { key } = await createTestApiKey(db, 'read');
    assert.equal((await call(`${base}/probe`, 'GET', bearer(key))).status, 200);
    for (const method of ['POST', 'DELETE']) {
      const res = await call(`${base}/probe`, method, bearer(key));
      assert.equal(res.status, 403, method);
      assert.equal(res.body.type, '/problems/forbidden');
      assert.match(res.body.detail, /admin scope/);
      assert.match(res.headers.get('www-authenticate') ?? '', /error="insufficient_scope", scope="admin"/);
    }
  });

  test('an admin key may read and write', async () => {
    const { key } = await createTestApiKey(db, 'admin');
    assert.equal((await call(`${base}/probe`, 'POST', bearer(key))).status, 201);
    assert.equal((await call(`${base}/probe`, 'DELETE', bearer(key))).status, 200);
    assert.equal((await call(`${base}/v1/labs`, 'GET', bearer(key))).status, 200);
  });

  test('health, readiness, the OpenAPI document, its UI and @Public routes need no key and are not rate limited', async () => {
    for (const path of ['/health', '/ready', '/openapi.json', '/docs', '/probe/open']) {
      const res = await call(`${base}${path}`);
      assert.equal(res.status, 200, path);
      assert.equal(res.headers.get('ratelimit-limit'), null, path);
    }
  });

  test('keys are stored hashed: the table holds no key, only its prefix and SHA-256', async () => {
    const { key, id } = await createTestApiKey(db, 'read');
    const [row] = await db.query('SELECT * FROM api_keys WHERE id = $1', [id]);
    assert.ok(key.startsWith(row.prefix) && row.prefix.startsWith('lp_'));
    assert.ok(!JSON.stringify(row).includes(key.slice(row.prefix.length)), 'the secret part is nowhere in the row');
    assert.match(row.key_hash, /^[0-9a-f]{64}$/);
  });
});

describe('rate limits', () => {
  test('RateLimit headers count down; over the limit is a 429 problem with Retry-After', async () => {
    const { key } = await createTestApiKey(db, 'read', { rateLimitPerMinute: 3 });
    const remaining: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await call(`${base}/probe`, 'GET', bearer(key));
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('ratelimit-limit'), '3');
      assert.equal(res.headers.get('ratelimit-policy'), '3;w=60');
      const reset = Number(res.headers.get('ratelimit-reset'));
      assert.ok(reset >= 1 && reset <= 60, `reset ${reset}`);
      remaining.push(res.headers.get('ratelimit-remaining') ?? '');
    }
    assert.deepEqual(remaining, ['2', '1', '0']);
    const limited = await call(`${base}/probe`, 'GET', bearer(key));
    assert.equal(limited.status, 429);
    assert.equal(limited.body.type, '/problems/rate-limited');
    assert.equal(limited.headers.get('ratelimit-remaining'), '0');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `retry-after ${retryAfter}`);
  });

  test('the budget is per key and shared by every API replica (counted in Redis)', async () => {
    const { key } = await createTestApiKey(db, 'read', { rateLimitPerMinute: 4 });
    const statuses = [];
    for (const url of [base, replica, base, replica, replica])
      statuses.push((await call(`${url}/probe`, 'GET', bearer(key))).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 429]);
    const other = await createTestApiKey(db, 'read', { rateLimitPerMinute: 4 });
    assert.equal(
      (await call(`${replica}/probe`, 'GET', bearer(other.key))).status,
      200,
      'another key has its own budget',
    );
  });

  test('a key without a limit of its own gets RATE_LIMIT_PER_MINUTE', async () => {
    const { key } = await createTestApiKey(db, 'read');
    const res = await call(`${base}/probe`, 'GET', bearer(key));
    assert.equal(res.headers.get('ratelimit-limit'), '1000');
    assert.equal(res.headers.get('ratelimit-remaining'), '999');
  });
});
