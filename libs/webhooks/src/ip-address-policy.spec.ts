import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BlockedAddressError,
  assertAddressAllowed,
  blockedCategory,
  classifyIpAddress,
  isPublicAddress,
  parseIpv6,
} from './ip-address-policy';

const strict = { allowPrivate: false };
const lax = { allowPrivate: true };

describe('address classification', () => {
  const cases: [string, string][] = [
    ['8.8.8.8', 'public'],
    ['1.1.1.1', 'public'],
    ['0.0.0.0', 'unspecified'],
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'cgnat'],
    ['100.127.255.255', 'cgnat'],
    ['100.128.0.1', 'public'],
    ['169.254.1.1', 'link_local'],
    ['169.254.169.254', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['168.63.129.16', 'metadata'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['198.18.0.1', 'reserved'],
    ['2606:4700:4700::1111', 'public'],
    ['2001:4860:4860::8888', 'public'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['[::1]', 'loopback'],
    ['fe80::1%eth0', 'link_local'],
    ['fc00::1', 'private'],
    ['fd12:3456:789a::1', 'private'],
    ['fd00:ec2::254', 'metadata'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['2002:7f00:1::', 'ipv4_translated'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'ipv4_translated'],
    ['::ffff:127.0.0.1', 'ipv4_mapped'],
    ['::ffff:7f00:1', 'ipv4_mapped'],
    ['::ffff:8.8.8.8', 'ipv4_mapped'],
    ['64:ff9b::a00:5', 'nat64'],
    ['::127.0.0.1', 'ipv4_translated'],
    ['4000::1', 'reserved'],
  ];
  for (const [address, category] of cases) {
    it(`${address} is ${category}`, () => assert.equal(classifyIpAddress(address)?.category, category));
  }

  it('IPv4-mapped forms expose the IPv4 inside, in either notation', () => {
    assert.equal(classifyIpAddress('::ffff:127.0.0.1')?.embeddedIpv4?.address, '127.0.0.1');
    assert.equal(classifyIpAddress('::ffff:a9fe:a9fe')?.embeddedIpv4?.category, 'metadata');
    assert.equal(classifyIpAddress('64:ff9b::a00:5')?.embeddedIpv4?.address, '10.0.0.5');
  });

  it('names and malformed literals are not addresses', () => {
    for (const text of [
      'example.com',
      '127.1',
      '0x7f.0.0.1',
      '010.0.0.1',
      '256.1.1.1',
      '1:2:3',
      '1::2::3',
      '1:2:3:4:5:6:7:8:9',
      '',
    ]) {
      assert.equal(classifyIpAddress(text), null, text);
    }
    assert.equal(parseIpv6('1:2:3:4:5:6:7:8'), 0x00010002000300040005000600070008n);
    assert.equal(isPublicAddress('example.com'), false);
  });
});

describe('connect policy', () => {
  it('only public unicast passes by default', () => {
    assert.equal(blockedCategory('93.184.216.34', strict), null);
    assert.equal(blockedCategory('2606:4700:4700::1111', strict), null);
    assert.equal(blockedCategory('127.0.0.1', strict), 'loopback');
    assert.equal(blockedCategory('::ffff:8.8.8.8', strict), 'ipv4_mapped');
    assert.throws(
      () => assertAddressAllowed('10.0.0.5', strict, 'rebind.test'),
      (err: unknown) => {
        assert.ok(err instanceof BlockedAddressError);
        assert.equal(err.category, 'private');
        assert.equal(err.code, 'EBLOCKEDADDRESS');
        return true;
      },
    );
  });

  it('WEBHOOK_ALLOW_PRIVATE allows loopback and private, never metadata, multicast or unspecified', () => {
    for (const ok of ['127.0.0.1', '::1', '10.0.0.5', '192.168.0.2', 'fd00::1', '100.64.1.1', '::ffff:127.0.0.1']) {
      assert.equal(blockedCategory(ok, lax), null, ok);
    }
    assert.equal(blockedCategory('169.254.169.254', lax), 'metadata');
    assert.equal(blockedCategory('::ffff:169.254.169.254', lax), 'metadata');
    assert.equal(blockedCategory('fd00:ec2::254', lax), 'metadata');
    assert.equal(blockedCategory('224.0.0.1', lax), 'multicast');
    assert.equal(blockedCategory('0.0.0.0', lax), 'unspecified');
    assert.equal(blockedCategory('64:ff9b::a00:5', lax), 'nat64');
  });
});
