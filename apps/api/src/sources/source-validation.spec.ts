import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidParametersException } from '../common/invalid-parameters.exception';
import { assertValidSource, optionShapeErrors } from './source-validation';

function fieldsOf(check: () => void): string[] {
  try {
    check();
  } catch (error) {
    assert.ok(error instanceof InvalidParametersException, String(error));
    return error.errors.map((e) => e.parameter);
  }
  return [];
}

describe('source options shape', () => {
  it('accepts the connectors’ flat scalar options', () => {
    assert.deepEqual(
      optionShapeErrors({ archive: true, pageSize: 100, startTime: '2026-11-01T00:00:00Z', edge: null }),
      [],
    );
  });

  it('refuses any key that names a credential, however it is spelled', () => {
    const keys = [
      'token',
      'access_token',
      'accessToken',
      'access-token',
      'bearer',
      'bearerToken',
      'Authorization',
      'apiKey',
      'api_key',
      'client_secret',
      'password',
      'auth',
      'cookie',
    ];
    for (const key of keys) {
      const errors = optionShapeErrors({ [key]: 'abc' });
      assert.equal(errors.length, 1, key);
      assert.equal(errors[0].parameter, `options.${key}`);
      assert.match(errors[0].message, /credentials are configured on the server/);
    }
  });

  it('refuses credential-looking values, nested values and odd keys', () => {
    assert.deepEqual(
      optionShapeErrors({ note: 'Bearer AAAA1234' }).map((e) => e.parameter),
      ['options.note'],
    );
    assert.deepEqual(
      optionShapeErrors({ nested: { token: 'x' } }).map((e) => e.parameter),
      ['options.nested'],
    );
    assert.deepEqual(
      optionShapeErrors({ list: [1] }).map((e) => e.parameter),
      ['options.list'],
    );
    assert.deepEqual(
      optionShapeErrors({ 'a b': 1 }).map((e) => e.parameter),
      ['options.a b'],
    );
    assert.deepEqual(
      optionShapeErrors({ long: 'x'.repeat(501) }).map((e) => e.parameter),
      ['options.long'],
    );
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i]));
    assert.deepEqual(
      optionShapeErrors(many).map((e) => e.parameter),
      ['options'],
    );
  });

  it('keeps harmless keys that merely contain credential-like letters', () => {
    assert.deepEqual(optionShapeErrors({ authorId: 'x', keyword: 'y', pageSize: 10 }), []);
  });
});

describe('connector checks, pinned on the field', () => {
  it('passes valid sources of every kind', () => {
    assertValidSource({ kind: 'x_search', target: 'OpenAI lang:en', options: { archive: true, pageSize: 500 } });
    assertValidSource({ kind: 'facebook_page', target: '104958162837', options: { edge: 'feed' } });
    assertValidSource({ kind: 'linkedin_org', target: 'urn:li:organization:2414183', options: {} });
  });

  it('names target or the option key', () => {
    assert.deepEqual(
      fieldsOf(() => assertValidSource({ kind: 'facebook_page', target: '1/feed', options: {} })),
      ['target'],
    );
    assert.deepEqual(
      fieldsOf(() =>
        assertValidSource({ kind: 'linkedin_org', target: 'urn:li:person:x', options: { pageSize: 500 } }),
      ),
      ['target'],
    );
    assert.deepEqual(
      fieldsOf(() => assertValidSource({ kind: 'x_search', target: 'a', options: { pageSize: 500 } })),
      ['options.pageSize'],
    );
    assert.deepEqual(
      fieldsOf(() => assertValidSource({ kind: 'facebook_page', target: '1', options: { edge: 'wall' } })),
      ['options.edge'],
    );
    assert.deepEqual(
      fieldsOf(() => assertValidSource({ kind: 'x_search', target: 'a', options: { token: 'abc' } })),
      ['options.token'],
    );
  });
});
