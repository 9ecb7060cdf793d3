import type { Provider } from '@nestjs/common';
import type { LookupFunction } from '@labpulse/webhooks';
import type { AppMetrics } from '@labpulse/observability';
import { CLOCK, type Clock, SYSTEM_CLOCK } from './common/clock';
import { DNS_LOOKUP, SYSTEM_DNS_LOOKUP } from './deliver/dns-lookup';

/**
 * What an in-process test may swap in: a clock that jumps instead of waiting, a stub resolver; and
 * the metrics registry of an api in the same process (npm start), so one /metrics shows both.
 */
export interface WorkerOverrides {
  clock?: Clock;
  dnsLookup?: LookupFunction;
  metrics?: AppMetrics;
}

export function overrideProviders(overrides: WorkerOverrides): Provider[] {
  return [
    { provide: CLOCK, useValue: overrides.clock ?? SYSTEM_CLOCK },
    { provide: DNS_LOOKUP, useValue: overrides.dnsLookup ?? SYSTEM_DNS_LOOKUP },
  ];
}
