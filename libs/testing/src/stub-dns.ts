import type { LookupAddress, LookupOptions } from 'node:dns';

type Callback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A resolver for tests, shaped like dns.lookup: names map to fixed addresses (a function lets an
 * answer change between calls, as DNS rebinding does); anything else is ENOTFOUND. Nothing is
 * ever sent to a real DNS server.
 */
export function stubLookup(
  answers: Record<string, string | (() => string)>,
): (hostname: string, options: LookupOptions, callback: Callback) => void {
  return (hostname, options, callback) => {
    const entry = answers[hostname.toLowerCase()];
    if (entry === undefined) {
      const error: NodeJS.ErrnoException = new Error(`getaddrinfo ENOTFOUND ${hostname}`);
      error.code = 'ENOTFOUND';
      process.nextTick(() => callback(error, ''));
      return;
    }
    const address = typeof entry === 'function' ? entry() : entry;
    const family = address.includes(':') ? 6 : 4;
    process.nextTick(() => (options.all ? callback(null, [{ address, family }]) : callback(null, address, family)));
  };
}
