import { ConfigError } from '@labpulse/config';
import { QUEUE_NAMES, type QueueName } from './queue-catalogue';

/** Role aliases operators can name in WORKER_QUEUES besides the queue names themselves. */
const ROLE_ALIASES: Record<string, QueueName[]> = {
  poll: ['poll-x', 'poll-facebook', 'poll-linkedin', 'import'],
  alerts: ['evaluate', 'deliver'],
};

/** Resolves WORKER_QUEUES roles to queues; empty means all. Unknown names fail at boot. */
export function resolveWorkerQueues(roles: string[]): QueueName[] {
  if (roles.length === 0) return [...QUEUE_NAMES];
  const chosen = new Set<QueueName>();
  for (const role of roles) {
    const alias = ROLE_ALIASES[role];
    if (alias) alias.forEach((queue) => chosen.add(queue));
    else if ((QUEUE_NAMES as readonly string[]).includes(role)) chosen.add(role as QueueName);
    else {
      const known = [...QUEUE_NAMES, ...Object.keys(ROLE_ALIASES)].join(', ');
      throw new ConfigError(`invalid configuration: WORKER_QUEUES names unknown queue "${role}" (known: ${known})`);
    }
  }
  return QUEUE_NAMES.filter((queue) => chosen.has(queue));
}

/**
 * WORKER_CONCURRENCY (parsed by the config as name=count) checked against the catalogue: an entry
 * naming no queue fails at boot, as an unknown WORKER_QUEUES role does.
 */
export function resolveWorkerConcurrency(concurrency: Record<string, number>): Partial<Record<QueueName, number>> {
  for (const name of Object.keys(concurrency)) {
    if (!(QUEUE_NAMES as readonly string[]).includes(name)) {
      throw new ConfigError(
        `invalid configuration: WORKER_CONCURRENCY names unknown queue "${name}" (known: ${QUEUE_NAMES.join(', ')})`,
      );
    }
  }
  return concurrency;
}
