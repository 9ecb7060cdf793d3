/** One CLI subcommand: parses its own arguments, writes to stdout/stderr, returns an exit code. */
export interface CliCommand {
  name: string;
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

/** Thrown for bad arguments; the dispatcher prints it with the command's usage and exits 2. */
export class UsageError extends Error {}
