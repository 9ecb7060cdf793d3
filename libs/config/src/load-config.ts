import { envSchema } from './config.schema';
import { type AppConfig, toAppConfig } from './app-config';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment into an AppConfig. Empty strings count as unset, so `FOO=` in a
 * compose file falls back to the default instead of failing on "".
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue.path.join('.') || 'environment';
    throw new ConfigError(`invalid configuration: ${variable} ${issue.message}`);
  }
  return toAppConfig(parsed.data);
}

/** For process entry points: a bad value stops the process with one line naming the variable. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
