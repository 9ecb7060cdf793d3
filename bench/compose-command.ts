/**
 * The node flags docker-compose.yml starts an app with: `command: ['node', ...flags, 'dist/apps/<app>/src/main.js']`.
 * The benchmarks start the apps with these flags, so the compose file is the one place they are set
 * (the worker's V8 heap ceiling, the api's young generation) and a benchmark measures what compose runs.
 */
import { readFileSync } from 'node:fs';

export type ComposeApp = 'api' | 'worker';

/** Every `command: [...]` (one-line flow sequence of quoted strings) in a compose file's text. */
function commands(composeText: string): string[][] {
  const found: string[][] = [];
  for (const match of composeText.matchAll(/^\s*command:\s*(\[.*\])\s*$/gm)) {
    // The compose files quote every item with ' and never put a quote inside one.
    found.push(JSON.parse(match[1].replace(/'/g, '"')) as string[]);
  }
  return found;
}

/** The arguments between `node` and the app's entry in the compose text; throws unless exactly one command starts it. */
export function composeNodeFlags(app: ComposeApp, composeText: string): string[] {
  const entry = `dist/apps/${app}/src/main.js`;
  const matching = commands(composeText).filter((command) => command.at(-1) === entry);
  const distinct = new Set(matching.map((command) => JSON.stringify(command)));
  if (distinct.size !== 1 || matching[0][0] !== 'node')
    throw new Error(`expected one compose command 'node ... ${entry}', found ${distinct.size}`);
  return matching[0].slice(1, -1);
}

/** composeNodeFlags of the repository's docker-compose.yml. */
export function deployedNodeFlags(app: ComposeApp): string[] {
  return composeNodeFlags(app, readFileSync('docker-compose.yml', 'utf8'));
}
