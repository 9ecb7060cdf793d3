import type { CoverageRow } from '@labpulse/persistence';

const FIVE_MINUTES_MS = 5 * 60_000;

/** A platform left out of a rule's evaluation, and why. */
export interface NotCollecting {
  readonly platform: string;
  /** `paused`: a platform quota stopped most of its collection; `failing`: its polls failed. */
  readonly state: 'paused' | 'failing';
  /** Worst coverage of the platform over the evaluated windows (0..1). */
  readonly coverage: number;
}

export interface RuleCoverage {
  /** Per bucket start: coverage of the platforms the rule is evaluated on (the worst of them); 1 when unknown. */
  readonly coverage: Map<number, number>;
  /** Platforms whose posts an `all` rule leaves out (their collection was incomplete); empty otherwise. */
  readonly excluded: string[];
  /** Platforms that were not collecting, for the evaluation's reason. */
  readonly notCollecting: NotCollecting[];
}

interface PlatformSlots {
  readonly healthy: Map<number, number>;
  readonly paused: Map<number, number>;
}

/**
 * Coverage per platform: the fraction of each rule bucket during which the platform's collectors
 * were healthy, from the 5-minute source health rows (the mean over the bucket's slots of healthy /
 * sources). Slots no poll vouched for are unknown and skipped; a bucket with no known slot is 1.
 *
 * A rule on one platform gets that platform's coverage. A rule over `all` platforms is evaluated on
 * the platforms that were collecting: one whose coverage falls below `minCoverage` anywhere in
 * `starts` (paused by a quota, or failing) is left out of the series (baseline included) and named,
 * instead of suppressing the rule for every platform. Only when no platform with known health was
 * collecting is the `all` rule suppressed (its coverage is then the best platform's).
 */
export function ruleCoverage(
  rows: readonly CoverageRow[],
  platform: string,
  starts: readonly number[],
  bucketMs: number,
  minCoverage: number,
): RuleCoverage {
  const slots = slotsByPlatform(rows, platform);
  const perPlatform = new Map<string, Map<number, number>>();
  for (const [name, s] of slots) perPlatform.set(name, bucketMeans(s.healthy, starts, bucketMs));
  const worst = (name: string): number => Math.min(1, ...(perPlatform.get(name)?.values() ?? []));
  const below = [...perPlatform.keys()].filter((name) => worst(name) < minCoverage).sort();
  const notCollecting = below.map((name) => describe(name, worst(name), slots.get(name)!, starts, bucketMs));

  if (platform !== 'all' || below.length === 0 || below.length === perPlatform.size) {
    // One platform, nothing to leave out, or nothing left: the worst (one platform) or best (all gone) decides.
    const pick = platform !== 'all' || below.length === 0 ? Math.min : Math.max;
    return { coverage: combine(starts, [...perPlatform.values()], pick), excluded: [], notCollecting };
  }
  const kept = [...perPlatform.entries()].filter(([name]) => !below.includes(name)).map(([, c]) => c);
  return { coverage: combine(starts, kept, Math.min), excluded: below, notCollecting };
}

/** The note added to every evaluation's reason while some platform was not collecting. */
export function coverageNote(result: RuleCoverage): string | null {
  if (result.notCollecting.length === 0) return null;
  const names = result.notCollecting
    .map((p) => `${p.platform} (${p.state}, coverage ${Math.round(p.coverage * 100) / 100})`)
    .join(', ');
  return result.excluded.length > 0 ? `not collecting, left out: ${names}` : `not collecting: ${names}`;
}

function slotsByPlatform(rows: readonly CoverageRow[], platform: string): Map<string, PlatformSlots> {
  const out = new Map<string, PlatformSlots>();
  for (const row of rows) {
    if (row.sources === 0 || (platform !== 'all' && row.platform !== platform)) continue;
    let s = out.get(row.platform);
    if (!s) out.set(row.platform, (s = { healthy: new Map(), paused: new Map() }));
    s.healthy.set(row.bucketStart.getTime(), row.healthy / row.sources);
    s.paused.set(row.bucketStart.getTime(), row.paused / row.sources);
  }
  return out;
}

/** Per bucket start, the mean of the known 5-minute slots; buckets with none are left out (unknown). */
function bucketMeans(
  bySlot: ReadonlyMap<number, number>,
  starts: readonly number[],
  bucketMs: number,
): Map<number, number> {
  const out = new Map<number, number>();
  for (const start of starts) {
    let sum = 0;
    let known = 0;
    for (let t = start; t < start + bucketMs; t += FIVE_MINUTES_MS) {
      const value = bySlot.get(t);
      if (value === undefined) continue;
      sum += value;
      known += 1;
    }
    if (known > 0) out.set(start, sum / known);
  }
  return out;
}

function combine(
  starts: readonly number[],
  platforms: ReadonlyArray<ReadonlyMap<number, number>>,
  pick: (...values: number[]) => number,
): Map<number, number> {
  const out = new Map<number, number>();
  for (const start of starts) {
    const known = platforms.map((c) => c.get(start)).filter((v): v is number => v !== undefined);
    out.set(start, known.length === 0 ? 1 : pick(...known));
  }
  return out;
}

function describe(
  platform: string,
  coverage: number,
  s: PlatformSlots,
  starts: readonly number[],
  bucketMs: number,
): NotCollecting {
  const paused = Math.max(0, ...bucketMeans(s.paused, starts, bucketMs).values());
  // Paused for more of the time than it failed: the quota, not a fault, is why.
  return { platform, state: paused >= 1 - coverage - paused ? 'paused' : 'failing', coverage };
}
