/**
 * What the pipeline benchmarks (bench:ingest, bench:scale) share: flags, real app processes,
 * their peak memory, the scorer alone as the ceiling, and number formatting.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LabDefinition } from '@labpulse/labs';
import { createScorer } from '@labpulse/nlp';
import { deployedNodeFlags } from './compose-command';

/** `--flag value` and bare `--flag` (= 'true'). */
export function parseFlags(argv: readonly string[] = process.argv.slice(2)): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const value = argv[i + 1];
    const flag = argv[i].replace(/^--/, '');
    if (value === undefined || value.startsWith('--')) flags.set(flag, 'true');
    else flags.set(flag, argv[++i]);
  }
  return flags;
}

/**
 * How a benchmark starts the app processes. 'dist': the compiled JavaScript (`npm run build`), as the
 * image and compose run it; 'swc': the TypeScript compiled at load time (`npm run start:<app>`), which
 * costs ~66 MiB per process (the TypeScript compiler and swc's binding), for comparison.
 */
export type AppRuntime = 'dist' | 'swc';

export function parseRuntime(value: string | undefined): AppRuntime {
  if (value === undefined || value === 'dist' || value === 'swc') return value ?? 'dist';
  throw new Error(`--runtime must be dist or swc, not ${value}`);
}

/** Newest modification time (ms) of the files under `dir` whose names end with one of `exts`. */
function newestMtime(dir: string, exts: readonly string[]): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !exts.some((ext) => entry.name.endsWith(ext))) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Runs `npm run build` unless dist/ is newer than every source file it is built from. */
export function ensureBuilt(): void {
  const sources = Math.max(...['apps', 'libs', 'migrations'].map((dir) => newestMtime(dir, ['.ts', '.json'])));
  const built = existsSync('dist') ? newestMtime('dist', ['.js']) : 0;
  if (built > sources) return;
  process.stderr.write('dist/ is missing or older than the sources: npm run build\n');
  execFileSync('npm', ['run', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Starts one app as its own node process (as the image or `npm run start:<app>` does) with `env`,
 * and with the node flags docker-compose.yml starts it with (its V8 heap settings), then `nodeFlags`.
 */
export function spawnApp(
  app: 'worker' | 'api',
  env: NodeJS.ProcessEnv,
  nodeFlags: readonly string[] = [],
  runtime: AppRuntime = 'swc',
): ChildProcess {
  const entry =
    runtime === 'dist'
      ? [`dist/apps/${app}/src/main.js`]
      : ['--require', '@swc-node/register', `apps/${app}/src/main.ts`];
  return spawn(process.execPath, [...deployedNodeFlags(app), ...nodeFlags, ...entry], {
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** SIGTERM each child and wait for all of them to exit. */
export async function stopAll(children: readonly ChildProcess[]): Promise<void> {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) =>
          child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve),
        ),
    ),
  );
}

/** Peak resident set size (VmHWM) of a live process in MiB, or null when it cannot be read. */
export function peakRssMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a live process has used so far, or null when it cannot be read. */
export function cpuSeconds(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // Fields after the command name (which may contain spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** Busy and total CPU seconds of the whole machine so far (all cores), from /proc/stat. */
export function machineCpu(): { busy: number; total: number } {
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const idle = ticks[3] + (ticks[4] ?? 0);
  const total = ticks.slice(0, 8).reduce((a, b) => a + b, 0);
  return { busy: (total - idle) / 100, total: total / 100 };
}

/** The scorer alone, in this process, on `texts`: texts per second. */
export function scorerAlone(labs: LabDefinition[], texts: readonly string[]): { seconds: number; perSecond: number } {
  const scorer = createScorer(labs);
  const start = performance.now();
  for (const text of texts) scorer.score({ text, language: 'en' });
  const seconds = (performance.now() - start) / 1000;
  return { seconds, perSecond: texts.length / seconds };
}

export const rate = (n: number, seconds: number): string =>
  `${Math.round(n / seconds).toLocaleString('en-US')} posts/s`;

/** The value at quantile q (0..1) of `values` (nearest rank); NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}
