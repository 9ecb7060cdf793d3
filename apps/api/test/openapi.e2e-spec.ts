import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { INestApplication } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { openTestDatabase, testConfig } from '@labpulse/testing';
import { listeningApi } from './support/listening-api';
import { PLATFORM_SOURCE_KINDS, SOURCE_OPTIONS } from '@labpulse/connectors';
import { listRoutes } from '../src/openapi/route-inventory';

let app: INestApplication;
let db: DataSource;
let base: string;
let document: Record<string, any>;

before(async () => {
  const config = testConfig();
  db = await openTestDatabase(config);
  ({ app, base } = await listeningApi(config));
  const res = await fetch(`${base}/openapi.json`);
  assert.equal(res.status, 200);
  document = (await res.json()) as Record<string, any>;
});
after(async () => {
  await app?.close();
  await db?.destroy();
});

test('the document is a valid OpenAPI 3 file', async () => {
  const { Validator } = await import('@seriousme/openapi-schema-validator');
  const validator = new Validator();
  const result = await validator.validate(document);
  assert.ok(result.valid, JSON.stringify(result.errors, null, 2));
  assert.match(String(document.openapi), /^3\./);
});

test('every route of the app is in the document, with the security the guard enforces', () => {
  const routes = listRoutes(app);
  assert.ok(routes.length >= 6, 'routes were found');
  for (const path of [
    '/v1/trends',
    '/v1/compare',
    '/v1/labs/{slug}/posts',
    '/health',
    '/ready',
    '/metrics',
    '/v1/labs',
  ]) {
    assert.ok(
      routes.some((r) => r.path === path),
      `${path} is a route`,
    );
  }
  const missing = routes
    .filter((r) => !document.paths[r.path]?.[r.method])
    .map((r) => `${r.method.toUpperCase()} ${r.path}`);
  assert.deepEqual(missing, [], 'routes missing from /openapi.json');
  for (const route of routes) {
    const operation = document.paths[route.path][route.method];
    if (route.public) {
      assert.deepEqual(operation.security, [], `${route.path} is open`);
    } else {
      assert.deepEqual(operation.security, [{ 'api-key': [] }], `${route.method} ${route.path} needs a key`);
      assert.ok(operation.responses['401'] && operation.responses['429'], `${route.path} documents 401 and 429`);
    }
  }
  assert.equal(document.components.securitySchemes['api-key'].scheme, 'bearer');
});

test('the trend endpoints document their parameters, formats and answers', () => {
  const trends = document.paths['/v1/trends'].get;
  const names = trends.parameters.map((p: { name: string }) => p.name).sort();
  assert.deepEqual(names, ['fields', 'format', 'from', 'groupBy', 'interval', 'labs', 'platforms', 'to', 'tz']);
  assert.deepEqual(Object.keys(trends.responses['200'].content).sort(), ['application/json', 'text/csv']);
  assert.ok(document.components.schemas.TrendPointDto.properties.shareOfVoice);
  const posts = document.paths['/v1/labs/{slug}/posts'].get;
  assert.ok(posts.parameters.some((p: { name: string; in: string }) => p.name === 'slug' && p.in === 'path'));
  assert.ok(posts.parameters.some((p: { name: string }) => p.name === 'cursor'));
});

function operations(): Array<{ name: string; operation: Record<string, any> }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, any>).map(([method, operation]) => ({
      name: `${method.toUpperCase()} ${path}`,
      operation,
    })),
  );
}

test('optional parameters carry no example: Swagger UI would pre-fill it and silently filter the answer', () => {
  let optional = 0;
  for (const { name, operation } of operations()) {
    for (const p of operation.parameters ?? []) {
      if (p.required) continue;
      optional++;
      for (const where of [p, p.schema ?? {}]) {
        assert.equal(where.example, undefined, `${name} ${p.name} has an example`);
        assert.equal(where.examples, undefined, `${name} ${p.name} has examples`);
      }
    }
  }
  assert.ok(optional > 20, 'optional parameters were checked');
  const trends = document.paths['/v1/trends'].get.parameters;
  const tz = trends.find((p: { name: string }) => p.name === 'tz');
  assert.match(tz.description, /Europe\/Paris/, 'the example lives in the description');
});

test('each error status documents its own problem body, as application/problem+json', () => {
  const seen = new Set<string>();
  for (const { name, operation } of operations()) {
    for (const [status, response] of Object.entries(operation.responses as Record<string, any>)) {
      if (Number(status) < 400) continue;
      assert.deepEqual(Object.keys(response.content ?? {}), ['application/problem+json'], `${name} ${status}`);
      const example = response.content['application/problem+json'].example;
      assert.equal(example.status, Number(status), `${name} ${status} shows a ${example.status} problem`);
      assert.equal(example.errors !== undefined, status === '400', `${name} ${status}: only 400s list errors`);
      seen.add(status);
    }
  }
  for (const status of ['400', '401', '403', '404', '406', '429'])
    assert.ok(seen.has(status), `some operation answers ${status}`);
  const trends = document.paths['/v1/trends'].get.responses;
  assert.equal(trends['401'].content['application/problem+json'].example.type, '/problems/unauthorized');
  assert.equal(trends['406'].content['application/problem+json'].example.title, 'Not Acceptable');
  assert.equal(trends['429'].content['application/problem+json'].example.type, '/problems/rate-limited');
});

test('source options are documented per kind', () => {
  const description = document.components.schemas.CreateSourceDto.properties.options.description as string;
  for (const kind of PLATFORM_SOURCE_KINDS) {
    for (const option of SOURCE_OPTIONS[kind])
      assert.ok(description.includes(`\`${option.name}\``), `${kind} ${option.name}`);
  }
  assert.match(description, /a key the kind does not read is a 400 naming it/);
});

test('the browsable docs are served at /docs', async () => {
  const res = await fetch(`${base}/docs`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  assert.match(await res.text(), /swagger/i);
});
