import 'reflect-metadata';
import { type CliCommand, UsageError } from './cli-command';
import { apikeyCommand } from './commands/apikey.command';
import { importCommand } from './commands/import.command';
import { migrateCommand } from './commands/migrate.command';
import { rescoreCommand } from './commands/rescore.command';
import { retentionCommand } from './commands/retention.command';
import { scoreCommand } from './commands/score.command';
import { webhooksCommand } from './commands/webhooks.command';

// One entry per subcommand; each lives in commands/<name>.command.ts.
const COMMANDS: readonly CliCommand[] = [
  migrateCommand,
  importCommand,
  scoreCommand,
  rescoreCommand,
  retentionCommand,
  apikeyCommand,
  webhooksCommand,
];

function help(): string {
  return [
    'usage: npm run --silent cli -- <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.usage.padEnd(40)} ${c.summary}`),
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    const asked = name === undefined || name === '--help';
    process.stderr.write(`${asked ? '' : `unknown command: ${name}\n\n`}${help()}\n`);
    return asked ? 0 : 2;
  }
  try {
    return await command.run(rest, { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\nusage: npm run --silent cli -- ${command.usage}\n`);
    return 2;
  }
}

// exitCode rather than exit(): lets piped stdout flush; every command closes its connections.
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
