import { randomBytes } from 'node:crypto';
import { type AppConfig, loadConfig } from '@labpulse/config';

/**
 * Config for a test: the run's throwaway database (set by scripts/run-tests.ts) and a queue prefix
 * of its own, so test files never see each other's jobs.
 */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  const base = loadConfig({ ...process.env, WORKER_HEALTH_PORT: '0', LOG_LEVEL: 'warn', ...env });
  const runPrefix = process.env.LABPULSE_TEST_RUN ?? 'lpt';
  return { ...base, queue: { ...base.queue, prefix: `${runPrefix}-${randomBytes(4).toString('hex')}` } };
}
