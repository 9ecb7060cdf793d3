import { lookup } from 'node:dns';
import type { LookupFunction } from '@labpulse/webhooks';

/** Injection token of the resolver webhook connections use (tests inject a stub; nothing leaves loopback). */
export const DNS_LOOKUP = Symbol('DNS_LOOKUP');

export const SYSTEM_DNS_LOOKUP: LookupFunction = lookup;
