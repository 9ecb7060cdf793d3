import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** One NAB-format series: `timestamp,value` rows and its labelled anomaly windows. */
export interface NabSeries {
  readonly name: string;
  readonly timestamps: number[];
  readonly values: number[];
  /** Inclusive [start, end] in epoch ms. */
  readonly windows: [number, number][];
}

/** NAB timestamps have no zone (`2015-02-26 21:42:53[.000000]`); read them as UTC, consistently. */
export function parseNabTimestamp(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(text.trim());
  if (!m) throw new Error(`bad NAB timestamp: ${text}`);
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
}

export function parseNabCsv(text: string, name: string): { timestamps: number[]; values: number[] } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines[0]?.trim() !== 'timestamp,value') throw new Error(`${name}: expected header "timestamp,value"`);
  const timestamps: number[] = [];
  const values: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const [ts, value] = lines[i].split(',');
    const v = Number(value);
    if (!Number.isFinite(v)) throw new Error(`${name}:${i + 1}: bad value ${value}`);
    timestamps.push(parseNabTimestamp(ts));
    values.push(v);
  }
  return { timestamps, values };
}

/**
 * Loads every `*.csv` in `dir` that has an entry in `dir/combined_windows.json`
 * (keys may carry NAB's `realTweets/` prefix; files are matched by base name).
 */
export function loadNabDirectory(dir: string): { series: NabSeries[]; skipped: string[] } {
  const windowsJson = JSON.parse(readFileSync(join(dir, 'combined_windows.json'), 'utf8')) as Record<
    string,
    [string, string][]
  >;
  const windowsByFile = new Map<string, [string, string][]>();
  for (const [key, list] of Object.entries(windowsJson)) windowsByFile.set(basename(key), list);

  const series: NabSeries[] = [];
  const skipped: string[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()) {
    const windows = windowsByFile.get(file);
    if (!windows) {
      skipped.push(file);
      continue;
    }
    const { timestamps, values } = parseNabCsv(readFileSync(join(dir, file), 'utf8'), file);
    series.push({
      name: file,
      timestamps,
      values,
      windows: windows.map(([a, b]) => [parseNabTimestamp(a), parseNabTimestamp(b)] as [number, number]),
    });
  }
  return { series, skipped };
}

/** The series' step in ms (the most common gap between rows). */
export function seriesStepMs(timestamps: readonly number[]): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < timestamps.length; i++) {
    const gap = timestamps[i] - timestamps[i - 1];
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let step = 0;
  let seen = -1;
  for (const [gap, n] of counts) {
    if (n > seen) {
      step = gap;
      seen = n;
    }
  }
  return step;
}
