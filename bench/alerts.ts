/**
 * bench:alerts: replays every NAB-format series in a directory (`timestamp,value` CSVs +
 * combined_windows.json) through LabPulse's volume detector, exactly as the worker runs
 * it (the default volume rule, one closed bucket at a time), and scores it with the NAB
 * standard profile beside the null detector and a plain fixed-threshold detector.
 *
 *   npm run bench:alerts -- --data <dir of NAB series> [--rule '{"enterThreshold":5}'] [--json] [--min-score 70]
 *
 * With --min-score it is also a check (exit 1): the default rule must reach that normalised score,
 * hit all but two windows, beat the fixed threshold, and the null detector must score 0. The NAB
 * data is not in the repository (its licence differs), so this is not part of `npm test`.
 */
import { parseArgs } from 'node:util';
import { runAlertsBenchmark } from './alerts-benchmark';

function cell(score: number, hit: string, out: number): string {
  return `${score.toFixed(1).padStart(16)} ${hit.padStart(5)} ${String(out).padStart(4)}`;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      rule: { type: 'string' },
      json: { type: 'boolean', default: false },
      'min-score': { type: 'string' },
    },
  });
  if (!values.data) {
    console.error(
      'usage: npm run bench:alerts -- --data <dir of NAB-format series> [--rule <json overrides>] [--json] [--min-score <n>]',
    );
    process.exit(2);
  }
  const overrides = values.rule ? (JSON.parse(values.rule) as Record<string, unknown>) : {};
  const result = runAlertsBenchmark(values.data, overrides);
  const minScore = values['min-score'];
  if (minScore !== undefined)
    process.on('beforeExit', () => (process.exitCode ??= checkScores(result, Number(minScore))));
  if (values.json) {
    console.log(JSON.stringify({ data: values.data, profile: 'standard', ...result }, null, 2));
    return;
  }
  const r = result.rule;
  console.log('NAB benchmark, standard profile (tp 1.0, fp 0.11, fn 1.0; probation 15% of rows, at most 750)');
  console.log(
    `data: ${values.data} (${result.seriesCount} series${result.skipped.length ? `; no windows, skipped: ${result.skipped.join(', ')}` : ''})`,
  );
  console.log(
    `labpulse: ${r.detector} of the ${r.window} rolling ${r.metric} vs a ${r.baseline} ${r.baselineKind} baseline; ` +
      `enter ${r.enterThreshold}, exit ${r.exitThreshold}, resolveAfter ${r.resolveAfter}, cooldown ${r.cooldown}, ` +
      `escalation x${r.escalationFactor ?? 'off'}, minVolume ${r.minVolume}, minEffect ${r.minEffect}`,
  );
  console.log('fixed-threshold: the 1h rolling sum crossing above mean + 3 sd of the probationary period');
  console.log('null: never alerts');
  console.log('');
  console.log(
    `${'series'.padEnd(26)}${result.detectors.map((d) => `${d.detector.padStart(16)} ${'hit'.padStart(5)} ${'out'.padStart(4)}`).join('  ')}`,
  );
  for (let i = 0; i < result.seriesCount; i++) {
    const name = result.detectors[0].perSeries[i].series;
    const cells = result.detectors.map((d) => {
      const p = d.perSeries[i];
      return cell(p.score, `${p.windowsHit}/${p.windowsTotal}`, p.alertsOutsideWindows);
    });
    console.log(`${name.padEnd(26)}${cells.join('  ')}`);
  }
  const totals = result.detectors.map((d) =>
    cell(d.score, `${d.windowsHit}/${d.windowsTotal}`, d.alertsOutsideWindows),
  );
  console.log(`${'overall (normalised)'.padEnd(26)}${totals.join('  ')}`);
  console.log('');
  console.log(
    'score: NAB normalised (null = 0, perfect = 100); hit: windows with a detection; out: alerts outside every window',
  );
}

/** The quality bar for the default volume rule: prints each failed condition, returns the exit code. */
function checkScores(result: ReturnType<typeof runAlertsBenchmark>, minScore: number): number {
  const [labpulse, fixed, nul] = result.detectors;
  const failures = [
    labpulse.score >= minScore ? null : `labpulse scored ${labpulse.score.toFixed(1)} < ${minScore}`,
    labpulse.windowsHit >= labpulse.windowsTotal - 2
      ? null
      : `labpulse hit ${labpulse.windowsHit}/${labpulse.windowsTotal} windows`,
    labpulse.score > fixed.score
      ? null
      : `labpulse ${labpulse.score.toFixed(1)} <= fixed-threshold ${fixed.score.toFixed(1)}`,
    nul.score === 0 && nul.alertsOutsideWindows === 0 ? null : 'the null detector did not score 0',
  ].filter((f): f is string => f !== null);
  for (const f of failures) console.error(`FAIL ${f}`);
  if (failures.length === 0)
    console.error(`ok   labpulse ${labpulse.score.toFixed(1)} >= ${minScore}, beats fixed-threshold`);
  return failures.length === 0 ? 0 : 1;
}

main();
