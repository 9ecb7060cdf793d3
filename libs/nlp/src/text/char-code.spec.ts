import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { charCode } from './char-code';

test('charCode reads UTF-16 code units like charCodeAt, NaN past the end', () => {
  const s = 'aé🤖';
  assert.deepEqual(
    [0, 1, 2, 3].map((i) => charCode(s, i)),
    [0, 1, 2, 3].map((i) => s.charCodeAt(i)),
  );
  assert.ok(Number.isNaN(charCode(s, 4)));
});

test('the NLP code reads char codes through charCode, never s.charCodeAt (slow in worker processes)', () => {
  const root = join(__dirname, '..');
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (
        path.endsWith('.ts') &&
        !path.endsWith('.spec.ts') &&
        !path.endsWith('char-code.ts') &&
        /\.charCodeAt\(/.test(readFileSync(path, 'utf8'))
      )
        offenders.push(path);
    }
  };
  walk(root);
  assert.deepEqual(offenders, []);
});
