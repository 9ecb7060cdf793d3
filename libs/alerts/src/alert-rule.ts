import type { BucketSize, Direction } from '@labpulse/timeseries';

export const ALERT_METRICS = [
  'volume',
  'net_sentiment',
  'negative_share',
  'positive_share',
  'stance_against_share',
  'stance_favor_share',
] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

export const SHARE_METRICS: ReadonlySet<AlertMetric> = new Set([
  'negative_share',
  'positive_share',
  'stance_against_share',
  'stance_favor_share',
]);

export const ALERT_DETECTORS = ['zscore', 'robust_z', 'two_proportion', 'mean_z'] as const;
/**
 * zscore: rolling-window count vs trailing mean/sd. robust_z: the same with median/MAD.
 * two_proportion: share in the window vs the baseline share. mean_z: window mean vs baseline mean.
 */
export type AlertDetector = (typeof ALERT_DETECTORS)[number];

/** Which detectors make sense for which metric (a proportion test on volume is meaningless). */
export const DETECTORS_BY_METRIC: Readonly<Record<AlertMetric, readonly AlertDetector[]>> = {
  volume: ['zscore', 'robust_z'],
  net_sentiment: ['mean_z'],
  negative_share: ['two_proportion'],
  positive_share: ['two_proportion'],
  stance_against_share: ['two_proportion'],
  stance_favor_share: ['two_proportion'],
};

export const ALERT_DIRECTIONS = ['up', 'down', 'both'] as const satisfies readonly Direction[];
export const ALERT_PLATFORMS = ['x', 'linkedin', 'facebook', 'all'] as const;
export type AlertPlatform = (typeof ALERT_PLATFORMS)[number];
export const BASELINE_KINDS = ['trailing', 'same_hour_of_day'] as const;
export type BaselineKind = (typeof BASELINE_KINDS)[number];
export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/**
 * An alert rule as the API accepts it and the worker evaluates it. Durations are
 * strings (`5m`, `1h`, `7d`, `0m`); `validateAlertRule` checks them against `bucket`.
 */
export interface AlertRuleSpec {
  readonly name: string;
  /** A lab id, or null for every lab (the rule expands per lab). */
  readonly labId: string | null;
  readonly platform: AlertPlatform;
  readonly metric: AlertMetric;
  readonly direction: Direction;
  readonly detector: AlertDetector;
  /** Granularity the rule is evaluated at: one evaluation per closed bucket. */
  readonly bucket: BucketSize;
  /** Rolling window summed or pooled per evaluation; a multiple of `bucket`. */
  readonly window: string;
  /** Trailing baseline before the window; a multiple of `window`. */
  readonly baseline: string;
  /** `same_hour_of_day` compares with the same time on previous days (count detectors only). */
  readonly baselineKind: BaselineKind;
  /** T_enter: z (or score) at or above which an episode opens. */
  readonly enterThreshold: number;
  /** T_exit < T_enter: a firing episode resolves only below this. */
  readonly exitThreshold: number;
  /** Posts in the window below which nothing is scored. */
  readonly minVolume: number;
  /** Effect floor: relative change for volume (0.5 = +50 %), absolute for shares (0.05 = 5 pp) and net sentiment. */
  readonly minEffect: number;
  /** How long the condition must hold before firing (Prometheus `for`); a multiple of `bucket`. */
  readonly pendingFor: string;
  /** How long below T_exit before resolving; a multiple of `bucket`, at least one bucket. */
  readonly resolveAfter: string;
  /** No new episode this long after a resolve (escalations excepted). */
  readonly cooldown: string;
  /**
   * A score >= escalationFactor x enterThreshold is an escalation: an `alert.escalated` event while
   * firing, and a new episode despite the cooldown if it beats the last episode's peak. Null = off.
   */
  readonly escalationFactor: number | null;
  /** Reminder interval while firing; `0m` = never. */
  readonly repeatInterval: string;
  /** Fraction of the window with healthy collection needed to score (0..1). */
  readonly minCoverage: number;
  readonly sendResolved: boolean;
  readonly severity: AlertSeverity;
  readonly enabled: boolean;
}

export function isShareMetric(metric: AlertMetric): boolean {
  return SHARE_METRICS.has(metric);
}
