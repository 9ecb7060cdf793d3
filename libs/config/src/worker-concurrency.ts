import { z } from 'zod';

/**
 * Jobs one worker process runs at once, per queue name, overriding the worker's defaults. The names
 * are checked against the queue catalogue by @labpulse/queue (resolveWorkerConcurrency), which owns it.
 */
export type WorkerConcurrency = Record<string, number>;

const MAX_CONCURRENCY = 1_000;

/**
 * WORKER_CONCURRENCY: `score=2,poll-x=8,deliver=20`. Entries are name=count with counts positive
 * integers; a mistake fails at boot naming the bad entry.
 */
export const workerConcurrencySchema = z
  .string()
  .default('')
  .transform((value, ctx): WorkerConcurrency => {
    const result: WorkerConcurrency = {};
    for (const entry of value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.length > 0)) {
      const match = /^([a-z-]+)\s*=\s*(\S+)$/.exec(entry);
      if (!match) {
        ctx.addIssue({ code: 'custom', message: `entry "${entry}" is not queue=count (e.g. score=2,poll-x=8)` });
        return z.NEVER;
      }
      const [, name, count] = match;
      const n = Number(count);
      if (!/^\d+$/.test(count) || !Number.isSafeInteger(n) || n < 1 || n > MAX_CONCURRENCY) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number from 1 to ${MAX_CONCURRENCY}, not "${count}"`,
        });
        return z.NEVER;
      }
      if (result[name] !== undefined) {
        ctx.addIssue({ code: 'custom', message: `names ${name} twice` });
        return z.NEVER;
      }
      result[name] = n;
    }
    return result;
  });
