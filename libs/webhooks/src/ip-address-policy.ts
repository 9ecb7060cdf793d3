/**
 * Which addresses a webhook may connect to. Everything that is not public unicast is
 * refused: loopback, private, link-local, CGNAT, multicast, broadcast, documentation and
 * reserved ranges, cloud metadata addresses, and IPv6 forms that smuggle IPv4
 * (IPv4-mapped, NAT64, 6to4, Teredo). Pure: the caller supplies the resolved address.
 */

export type AddressCategory =
  | 'public'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'cgnat'
  | 'metadata'
  | 'multicast'
  | 'broadcast'
  | 'documentation'
  | 'reserved'
  | 'ipv4_mapped'
  | 'nat64'
  | 'ipv4_translated';

export interface AddressClassification {
  /** Canonical text: dotted quad, or eight lower-case hex groups for IPv6. */
  readonly address: string;
  readonly family: 4 | 6;
  readonly category: AddressCategory;
  /** The IPv4 inside an IPv4-mapped or NAT64 address. */
  readonly embeddedIpv4?: AddressClassification;
}

export interface AddressPolicy {
  /** WEBHOOK_ALLOW_PRIVATE: also allow loopback, private, link-local and CGNAT (never metadata). */
  readonly allowPrivate: boolean;
}

export class BlockedAddressError extends Error {
  readonly code = 'EBLOCKEDADDRESS';
  constructor(
    readonly address: string,
    readonly category: AddressCategory,
    readonly hostname?: string,
  ) {
    super(`blocked ${category} address ${address}${hostname ? ` for ${hostname}` : ''}`);
    this.name = 'BlockedAddressError';
  }
}

/** Parses a canonical dotted-quad IPv4 (no octal, hex or short forms) to a 32-bit number. */
export function parseIpv4(text: string): number | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const p of parts) {
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** Parses IPv6 text (with `::`, an IPv4 tail, optional brackets and zone id) to 128 bits. */
export function parseIpv6(text: string): bigint | null {
  let s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const zone = s.indexOf('%');
  if (zone !== -1) s = s.slice(0, zone);
  if (s === '' || !/^[0-9a-fA-F:.]+$/.test(s)) return null;
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const groups = (part: string): number[] | null => {
    if (part === '') return [];
    const out: number[] = [];
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (i === items.length - 1 && item.includes('.')) {
        const v4 = parseIpv4(item);
        if (v4 === null) return null;
        out.push(Math.floor(v4 / 65536), v4 % 65536);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(item)) {
        out.push(parseInt(item, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (head === null || tail === null) return null;
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return null;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

type V4Range = readonly [string, number, AddressCategory];
const V4_RANGES: readonly V4Range[] = [
  ['0.0.0.0', 8, 'unspecified'], // "this network"; 0.0.0.0 reaches the local host on Linux
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'cgnat'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link_local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'broadcast'],
  ['240.0.0.0', 4, 'reserved'],
];

/** Instance-metadata and platform endpoints: refused even with allowPrivate. */
const METADATA_V4 = new Set(['169.254.169.254', '169.254.170.2', '169.254.170.23', '100.100.100.200', '168.63.129.16']);
const METADATA_V6 = new Set(['fd00:ec2:0:0:0:0:0:254', 'fd00:ec2:0:0:0:0:0:23']);

type V6Range = readonly [string, number, AddressCategory];
// Order matters: the first match wins, so the specific ranges come first.
const V6_RANGES: readonly V6Range[] = [
  ['::', 128, 'unspecified'],
  ['::1', 128, 'loopback'],
  ['::ffff:0:0', 96, 'ipv4_mapped'],
  ['::', 96, 'ipv4_translated'], // deprecated IPv4-compatible
  ['64:ff9b::', 96, 'nat64'],
  ['64:ff9b:1::', 48, 'nat64'],
  ['100::', 64, 'reserved'],
  ['2001:db8::', 32, 'documentation'],
  ['2001::', 32, 'ipv4_translated'], // Teredo
  ['2001::', 23, 'reserved'],
  ['2002::', 16, 'ipv4_translated'], // 6to4
  ['3fff::', 20, 'documentation'],
  ['5f00::', 16, 'reserved'],
  ['fc00::', 7, 'private'], // unique local
  ['fe80::', 10, 'link_local'],
  ['fec0::', 10, 'private'], // deprecated site-local
  ['ff00::', 8, 'multicast'],
];

const parsedV4 = V4_RANGES.map(([a, bits, c]) => [parseIpv4(a) as number, bits, c] as const);
const parsedV6 = V6_RANGES.map(([a, bits, c]) => [parseIpv6(a) as bigint, bits, c] as const);

function formatIpv4(v: number): string {
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.');
}

function formatIpv6(v: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((v >> BigInt(i * 16)) & 0xffffn).toString(16));
  return groups.join(':');
}

function classifyV4(v: number): AddressClassification {
  const address = formatIpv4(v);
  if (METADATA_V4.has(address)) return { address, family: 4, category: 'metadata' };
  for (const [base, bits, category] of parsedV4) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((v & mask) >>> 0 === (base & mask) >>> 0) return { address, family: 4, category };
  }
  return { address, family: 4, category: 'public' };
}

function classifyV6(v: bigint): AddressClassification {
  const address = formatIpv6(v);
  if (METADATA_V6.has(address)) return { address, family: 6, category: 'metadata' };
  for (const [base, bits, category] of parsedV6) {
    const shift = BigInt(128 - bits);
    if (v >> shift === base >> shift) {
      if (category === 'ipv4_mapped' || category === 'nat64') {
        return { address, family: 6, category, embeddedIpv4: classifyV4(Number(v & 0xffffffffn)) };
      }
      return { address, family: 6, category };
    }
  }
  // Only 2000::/3 is allocated global unicast; the rest is reserved.
  if (v >> 125n !== 1n) return { address, family: 6, category: 'reserved' };
  return { address, family: 6, category: 'public' };
}

/** Classifies an IP literal; null when `text` is not one (e.g. a host name). */
export function classifyIpAddress(text: string): AddressClassification | null {
  const v4 = parseIpv4(text);
  if (v4 !== null) return classifyV4(v4);
  const v6 = parseIpv6(text);
  return v6 === null ? null : classifyV6(v6);
}

export function isPublicAddress(text: string): boolean {
  return classifyIpAddress(text)?.category === 'public';
}

const PRIVATE_OK: ReadonlySet<AddressCategory> = new Set(['loopback', 'private', 'link_local', 'cgnat']);

/** The category that blocks `text` under `policy`, or null when a connection may be opened. */
export function blockedCategory(text: string, policy: AddressPolicy): AddressCategory | null {
  const c = classifyIpAddress(text);
  if (c === null) return 'reserved';
  if (c.category === 'public') return null;
  if (!policy.allowPrivate) return c.category;
  if (PRIVATE_OK.has(c.category)) return null;
  // With allowPrivate, a mapped address is judged by the IPv4 inside it (tests use ::ffff:127.0.0.1).
  if (c.category === 'ipv4_mapped' && c.embeddedIpv4) {
    const inner = c.embeddedIpv4.category;
    return inner === 'public' || PRIVATE_OK.has(inner) ? null : inner;
  }
  return c.category;
}

/** Throws BlockedAddressError unless a connection to `address` is allowed. */
export function assertAddressAllowed(address: string, policy: AddressPolicy, hostname?: string): void {
  const category = blockedCategory(address, policy);
  if (category !== null) throw new BlockedAddressError(address, category, hostname);
}
