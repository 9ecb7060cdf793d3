import {
  AlertRuleSpec,
  DEFAULT_ALERT_RULES,
  INITIAL_ALERT_KEY_STATE,
  MetricBucket,
  compileAlertRule,
  emptyMetricBucket,
  evaluateAlertRule,
  validateAlertRule,
} from '@labpulse/alerts';
import { BUCKET_MS, BucketSize, HOUR_MS, LifecycleState } from '@labpulse/timeseries';
import { fixedThresholdDetections, nullDetections } from './alerts-baselines';
import { NabSeries, loadNabDirectory, seriesStepMs } from './alerts-nab-data';
import {
  NAB_STANDARD_PROFILE,
  NabFileScore,
  normalisedNabScore,
  scoreNabFile,
  windowIndices,
} from './alerts-nab-scorer';

export const BENCH_DETECTORS = ['labpulse', 'fixed-threshold', 'null'] as const;
export type BenchDetector = (typeof BENCH_DETECTORS)[number];

export interface SeriesResult {
  readonly series: string;
  /** NAB-normalised score of this file alone. */
  readonly score: number;
  readonly raw: number;
  readonly windowsHit: number;
  readonly windowsTotal: number;
  readonly alertsOutsideWindows: number;
}

export interface DetectorResultSummary {
  readonly detector: BenchDetector;
  /** NAB-normalised over all files: 100 * (sum raw - sum null) / (sum perfect - sum null). */
  readonly score: number;
  readonly windowsHit: number;
  readonly windowsTotal: number;
  readonly alertsOutsideWindows: number;
  readonly perSeries: readonly SeriesResult[];
}

export interface BenchmarkResult {
  readonly rule: AlertRuleSpec;
  readonly skipped: readonly string[];
  readonly seriesCount: number;
  readonly detectors: readonly DetectorResultSummary[];
}

/** The default volume rule at the series' bucket size, with optional overrides, validated. */
export function benchmarkVolumeRule(stepMs: number, overrides: Record<string, unknown> = {}): AlertRuleSpec {
  const base = DEFAULT_ALERT_RULES.find((r) => r.metric === 'volume');
  if (!base) throw new Error('no default volume rule');
  const bucket = (Object.keys(BUCKET_MS) as BucketSize[]).find((b) => BUCKET_MS[b] === stepMs);
  if (!bucket) throw new Error(`series step ${stepMs} ms is not a bucket size (5m, 1h, 1d)`);
  const result = validateAlertRule({ ...base, bucket, ...overrides });
  if (!result.ok) throw new Error(`invalid rule: ${result.errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`);
  return result.rule;
}

/** The worker's path, replayed: at row i the rule sees rows <= i only; a detection is a `fired` transition. */
export function labpulseDetections(series: NabSeries, rule: AlertRuleSpec): boolean[] {
  const compiled = compileAlertRule(rule);
  const buckets: MetricBucket[] = series.values.map((v, i) => ({
    ...emptyMetricBucket(series.timestamps[i]),
    posts: v,
  }));
  const out = new Array<boolean>(buckets.length).fill(false);
  let state: LifecycleState = INITIAL_ALERT_KEY_STATE.lifecycle;
  for (let i = 0; i < buckets.length; i++) {
    const history = buckets.slice(Math.max(0, i + 1 - compiled.historyBuckets), i + 1);
    const step = evaluateAlertRule(compiled, state, history);
    state = step.state;
    out[i] = step.transition === 'fired';
  }
  return out;
}

function summarise(
  detector: BenchDetector,
  files: readonly NabFileScore[],
  names: readonly string[],
): DetectorResultSummary {
  return {
    detector,
    score: normalisedNabScore(files),
    windowsHit: files.reduce((a, f) => a + f.windowsHit, 0),
    windowsTotal: files.reduce((a, f) => a + f.windowsTotal, 0),
    alertsOutsideWindows: files.reduce((a, f) => a + f.falsePositives, 0),
    perSeries: files.map((f, i) => ({
      series: names[i],
      score: normalisedNabScore([f]),
      raw: f.raw,
      windowsHit: f.windowsHit,
      windowsTotal: f.windowsTotal,
      alertsOutsideWindows: f.falsePositives,
    })),
  };
}

/** Runs the three detectors over every labelled series in `dir` and scores them (NAB standard profile). */
export function runAlertsBenchmark(dir: string, overrides: Record<string, unknown> = {}): BenchmarkResult {
  const { series, skipped } = loadNabDirectory(dir);
  if (series.length === 0) throw new Error(`no labelled series in ${dir}`);
  const files: Record<BenchDetector, NabFileScore[]> = { labpulse: [], 'fixed-threshold': [], null: [] };
  let rule: AlertRuleSpec | null = null;
  for (const s of series) {
    const step = seriesStepMs(s.timestamps);
    rule = benchmarkVolumeRule(step, overrides);
    const windows = windowIndices(s.timestamps, s.windows);
    files.labpulse.push(scoreNabFile(labpulseDetections(s, rule), windows, NAB_STANDARD_PROFILE));
    files['fixed-threshold'].push(
      scoreNabFile(
        fixedThresholdDetections(s.values, Math.max(1, Math.round(HOUR_MS / step))),
        windows,
        NAB_STANDARD_PROFILE,
      ),
    );
    files.null.push(scoreNabFile(nullDetections(s.values.length), windows, NAB_STANDARD_PROFILE));
  }
  const names = series.map((s) => s.name);
  return {
    rule: rule as AlertRuleSpec,
    skipped,
    seriesCount: series.length,
    detectors: BENCH_DETECTORS.map((d) => summarise(d, files[d], names)),
  };
}
