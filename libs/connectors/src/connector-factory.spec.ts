import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidSourceError } from './connector-errors';
import { createConnector, validateSource } from './connector-factory';
import { redactSecrets } from './http/redact-secrets';

describe('connector registry', () => {
  const settings = { baseUrl: 'https://example.invalid', token: 'secret-token', timeoutMs: 1_000 };

  it('creates the connector of each platform kind', () => {
    assert.equal(createConnector('x_search', settings).platform, 'x');
    assert.equal(createConnector('facebook_page', settings).platform, 'facebook');
    assert.equal(createConnector('linkedin_org', settings).platform, 'linkedin');
  });

  it('validates targets and options without calling the platform', () => {
    validateSource({ kind: 'x_search', target: 'OpenAI lang:en', options: { archive: true, pageSize: 500 } });
    validateSource({ kind: 'facebook_page', target: '104958162837', options: { edge: 'feed' } });
    validateSource({ kind: 'linkedin_org', target: 'urn:li:organization:2414183', options: {} });
    assert.throws(() => validateSource({ kind: 'x_search', target: ' ', options: {} }), InvalidSourceError);
    assert.throws(
      () => validateSource({ kind: 'x_search', target: 'a', options: { pageSize: 500 } }),
      InvalidSourceError,
    );
    assert.throws(() => validateSource({ kind: 'facebook_page', target: '1/feed', options: {} }), InvalidSourceError);
    assert.throws(
      () => validateSource({ kind: 'facebook_page', target: '1', options: { pageSize: 101 } }),
      InvalidSourceError,
    );
    assert.throws(
      () => validateSource({ kind: 'linkedin_org', target: 'urn:li:person:x', options: {} }),
      InvalidSourceError,
    );
  });

  it('redacts tokens and access_token parameters', () => {
    const text = 'GET https://graph.facebook.com/v25.0/1/posts?access_token=EAAB123&after=x failed for secret-token';
    assert.equal(
      redactSecrets(text, ['secret-token']),
      'GET https://graph.facebook.com/v25.0/1/posts?access_token=[redacted]&after=x failed for [redacted]',
    );
  });
});
