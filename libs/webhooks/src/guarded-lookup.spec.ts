import assert from 'node:assert/strict';
import type { LookupAddress } from 'node:dns';
import { describe, it } from 'node:test';
import { LookupFunction, createGuardedLookup } from './guarded-lookup';
import { BlockedAddressError } from './ip-address-policy';

/** A DNS stub: answers from a table, or a different table on the second call (rebinding). */
function stub(answers: LookupAddress[][]): { lookup: LookupFunction; calls: number } {
  const state = {
    calls: 0,
    lookup: ((_host, options, callback) => {
      const list = answers[Math.min(state.calls, answers.length - 1)];
      state.calls++;
      if (options.all) callback(null, list);
      else callback(null, list[0].address, list[0].family);
    }) as LookupFunction,
  };
  return state;
}

function resolve(
  lookup: LookupFunction,
  all: boolean,
): Promise<{ err: Error | null; address: string | LookupAddress[] }> {
  return new Promise((done) => lookup('hooks.example.com', { all }, (err, address) => done({ err, address })));
}

describe('guarded lookup (checked at socket connect)', () => {
  it('passes public answers through unchanged', async () => {
    const dns = stub([[{ address: '93.184.216.34', family: 4 }]]);
    const r = await resolve(createGuardedLookup(dns.lookup, { allowPrivate: false }), false);
    assert.equal(r.err, null);
    assert.equal(r.address, '93.184.216.34');
  });

  it('T12 rebinding: public at registration, 10.0.0.5 at delivery is refused when connecting', async () => {
    const dns = stub([[{ address: '93.184.216.34', family: 4 }], [{ address: '10.0.0.5', family: 4 }]]);
    const guarded = createGuardedLookup(dns.lookup, { allowPrivate: false });
    assert.equal((await resolve(guarded, false)).err, null);
    const second = await resolve(guarded, false);
    assert.ok(second.err instanceof BlockedAddressError);
    assert.equal(second.err.address, '10.0.0.5');
  });

  it('refuses a mixed public/private answer set', async () => {
    const dns = stub([
      [
        { address: '93.184.216.34', family: 4 },
        { address: '::ffff:127.0.0.1', family: 6 },
      ],
    ]);
    const r = await resolve(createGuardedLookup(dns.lookup, { allowPrivate: false }), true);
    assert.ok(r.err instanceof BlockedAddressError);
    assert.equal(r.err.category, 'ipv4_mapped');
  });

  it('passes resolver errors through and allows loopback when allowPrivate', async () => {
    const failing: LookupFunction = (_h, _o, cb) =>
      cb(Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' }), '');
    const r = await resolve(createGuardedLookup(failing, { allowPrivate: false }), false);
    assert.equal(r.err?.message, 'ENOTFOUND');
    const dns = stub([[{ address: '127.0.0.1', family: 4 }]]);
    assert.equal((await resolve(createGuardedLookup(dns.lookup, { allowPrivate: true }), false)).err, null);
  });
});
