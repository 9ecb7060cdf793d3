import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runAlertsBenchmark } from './alerts-benchmark';

// The dev series live beside the repository, never in it.
const DATA = join(__dirname, '..', '..', 'shared', 'data', 'nab-tweets');
const present = existsSync(join(DATA, 'combined_windows.json'));

describe('T20: NAB tweet volumes through the default volume rule', () => {
  it('scores >= 70 normalised, beats fixed-threshold, and the null detector scores 0', { skip: present ? false : `no data at ${DATA}` }, () => {
    const result = runAlertsBenchmark(DATA);
    const [labpulse, fixed, nul] = result.detectors;
    assert.equal(labpulse.detector, 'labpulse');
    assert.ok(labpulse.score >= 70, `labpulse scored ${labpulse.score}`);
    assert.ok(labpulse.windowsHit >= labpulse.windowsTotal - 2, `${labpulse.windowsHit}/${labpulse.windowsTotal} windows`);
    assert.ok(labpulse.score > fixed.score);
    assert.equal(nul.score, 0);
    assert.equal(nul.alertsOutsideWindows, 0);
  });
});
