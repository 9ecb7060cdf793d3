import type { LookupAddress, LookupOptions } from 'node:dns';
import { AddressPolicy, BlockedAddressError, blockedCategory } from './ip-address-policy';

export type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
/** The shape of `dns.lookup` that `net.connect({ lookup })` and undici's `connect.lookup` call. */
export type LookupFunction = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/**
 * Wraps a resolver so every address it returns is checked at socket-connect time, which
 * also defeats DNS rebinding (the name is resolved again for each connection). If any
 * answer is blocked the lookup fails, so a mixed public/private answer cannot be raced.
 * Use as `new undici.Agent({ connect: { lookup: createGuardedLookup(dns.lookup, policy) } })`.
 * net.connect skips `lookup` for IP literals: run checkWebhookUrl on the stored URL before
 * each attempt too, which checks a literal host.
 */
export function createGuardedLookup(lookup: LookupFunction, policy: AddressPolicy): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, options, (err, address, family) => {
      if (err) {
        callback(err, address, family);
        return;
      }
      const answers = typeof address === 'string' ? [address] : address.map((a) => a.address);
      for (const a of answers) {
        const category = blockedCategory(a, policy);
        if (category !== null) {
          callback(new BlockedAddressError(a, category, hostname), address, family);
          return;
        }
      }
      callback(null, address, family);
    });
  };
}
