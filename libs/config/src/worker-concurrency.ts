import { z } from 'zod';
// The catalogue file itself, not @labpulse/queue's index: that index imports this library.
import { QUEUE_NAMES } from '../../queue/src/queue-catalogue';

/** Jobs one worker process runs at once, per queue, overriding the worker's defaults. */
export type WorkerConcurrency = Partial<Record<(typeof QUEUE_NAMES)[number], number>>;

const MAX_CONCURRENCY = 1_000;

/**
 * WORKER_CONCURRENCY: `score=2,poll-x=8,deliver=20`. Names must be queues of the catalogue and
 * counts positive integers; a mistake fails at boot naming the bad entry.
 */
export const workerConcurrencySchema = z
  .string()
  .default('')
  .transform((value, ctx): WorkerConcurrency => {
    const result: WorkerConcurrency = {};
    for (const entry of value.split(',').map((part) => part.trim()).filter((part) => part.length > 0)) {
      const match = /^([a-z-]+)\s*=\s*(\S+)$/.exec(entry);
      if (!match) {
        ctx.addIssue({ code: 'custom', message: `entry "${entry}" is not queue=count (e.g. score=2,poll-x=8)` });
        return z.NEVER;
      }
      const [, name, count] = match;
      if (!(QUEUE_NAMES as readonly string[]).includes(name)) {
        ctx.addIssue({ code: 'custom', message: `names unknown queue "${name}" (known: ${QUEUE_NAMES.join(', ')})` });
        return z.NEVER;
      }
      const n = Number(count);
      if (!/^\d+$/.test(count) || !Number.isSafeInteger(n) || n < 1 || n > MAX_CONCURRENCY) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from 1 to ${MAX_CONCURRENCY}, not "${count}"` });
        return z.NEVER;
      }
      if (result[name as keyof WorkerConcurrency] !== undefined) {
        ctx.addIssue({ code: 'custom', message: `names ${name} twice` });
        return z.NEVER;
      }
      result[name as keyof WorkerConcurrency] = n;
    }
    return result;
  });
