import 'reflect-metadata';
import { UsageError, type CliCommand } from './cli-command';
import { importCommand } from './commands/import.command';
import { migrateCommand } from './commands/migrate.command';

// Each command lives in commands/<name>.command.ts; add it here.
const COMMANDS: CliCommand[] = [migrateCommand, importCommand];

function help(): string {
  return ['usage: npm run --silent cli -- <command> [options]', '', ...COMMANDS.map((c) => `  ${c.usage.padEnd(44)} ${c.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`${name && name !== '--help' ? `unknown command: ${name}\n\n` : ''}${help()}\n`);
    return name && name !== '--help' ? 2 : 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\nusage: npm run --silent cli -- ${command.usage}\n`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  },
);
