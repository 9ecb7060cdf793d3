import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { composeNodeFlags } from './compose-command';

const compose = (...commands: string[]): string =>
  `services:\n${commands.map((c, i) => `  s${i}:\n    image: x\n    command: ${c}\n`).join('')}`;

describe('node flags of a compose command', () => {
  it('are the arguments between node and the entry', () => {
    const text = compose(
      "['node', '--max-old-space-size=512', 'dist/apps/worker/src/main.js']",
      "['node', 'dist/apps/api/src/main.js']",
    );
    assert.deepEqual(composeNodeFlags('worker', text), ['--max-old-space-size=512']);
    assert.deepEqual(composeNodeFlags('api', text), []);
  });

  it('are refused when no command, or two different ones, start the app', () => {
    const one = "['node', 'dist/apps/worker/src/main.js']";
    assert.throws(() => composeNodeFlags('worker', compose("['node', 'dist/apps/api/src/main.js']")), /found 0/);
    assert.throws(
      () => composeNodeFlags('worker', compose(one, "['node', '--x', 'dist/apps/worker/src/main.js']")),
      /found 2/,
    );
    assert.deepEqual(composeNodeFlags('worker', compose(one, one)), []);
  });

  it('of the role workers (docker-compose.roles.yml) are those of docker-compose.yml', () => {
    const base = readFileSync('docker-compose.yml', 'utf8');
    const roles = readFileSync('docker-compose.roles.yml', 'utf8');
    assert.deepEqual(composeNodeFlags('worker', roles), composeNodeFlags('worker', base));
  });
});
