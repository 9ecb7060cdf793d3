import type { Readable, Writable } from 'node:stream';

export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** One subcommand of `npm run --silent cli -- <name> ...`; returns the exit code. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

/** Thrown for bad arguments; the dispatcher prints it with the command's usage and exits 2. */
export class UsageError extends Error {}
