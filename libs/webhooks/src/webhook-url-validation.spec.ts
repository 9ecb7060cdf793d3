import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkWebhookUrl } from './webhook-url-validation';

const prod = { allowPrivate: false, requireHttps: true };
const dev = { allowPrivate: false, requireHttps: false };
const tests = { allowPrivate: true, requireHttps: false };

const error = (url: string, policy = prod) => {
  const r = checkWebhookUrl(url, policy);
  return r.ok ? null : r.error;
};

describe('webhook URL validation at registration (T5, T12)', () => {
  it('accepts a public https URL', () => {
    assert.equal(error('https://hooks.example.com/labpulse?x=1'), null);
    assert.equal(error('https://93.184.216.34/hook'), null);
  });

  it('T5: refuses userinfo, ftp:, http: in production, port 22 and over-long URLs', () => {
    assert.match(error('https://user:pass@hooks.example.com/') ?? '', /userinfo/);
    assert.match(error('ftp://hooks.example.com/') ?? '', /scheme/);
    assert.match(error('http://hooks.example.com/') ?? '', /https/);
    assert.match(error('https://hooks.example.com:22/') ?? '', /port 22/);
    assert.match(error('https://hooks.example.com:8443/') ?? '', /443 or 80/);
    assert.match(error(`https://hooks.example.com/${'a'.repeat(2100)}`) ?? '', /2048/);
    assert.match(error('not a url') ?? '', /absolute URL/);
    assert.equal(error('http://hooks.example.com/', dev), null);
  });

  it('T12: literal private, metadata and mapped addresses are refused', () => {
    assert.match(error('http://169.254.169.254/latest/meta-data/', dev) ?? '', /metadata/);
    assert.match(error('http://[::ffff:127.0.0.1]/', dev) ?? '', /ipv4_mapped/);
    assert.match(error('http://127.0.0.1:80/', dev) ?? '', /loopback/);
    assert.match(error('http://0x7f.0.0.1/', dev) ?? '', /loopback/); // WHATWG URL normalises it first
    assert.match(error('http://[fd00:ec2::254]/', dev) ?? '', /metadata/);
    assert.match(error('http://localhost/', dev) ?? '', /public DNS name/);
    assert.match(error('http://metadata.google.internal/', tests) ?? '', /metadata/);
  });

  it('T12: names that resolve privately pass registration; the connect-time lookup stops them', () => {
    assert.equal(error('http://127.0.0.1.nip.io/', dev), null);
  });

  it('WEBHOOK_ALLOW_PRIVATE lets a loopback receiver on a random port through, but not port 22', () => {
    assert.equal(error('http://127.0.0.1:43111/hook', tests), null);
    assert.equal(error('http://localhost:43111/hook', tests), null);
    assert.match(error('http://127.0.0.1:22/', tests) ?? '', /port 22/);
    assert.match(error('http://169.254.169.254/', tests) ?? '', /metadata/);
  });
});
