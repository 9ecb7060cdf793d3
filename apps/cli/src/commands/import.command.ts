import { basename, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { loadConfigOrExit } from '@labpulse/config';
import { createDataSource, SourceRepository } from '@labpulse/persistence';
import type { QueueEvents } from 'bullmq';
import { createQueueEvents, createStandaloneQueue, jobOptionsFor } from '@labpulse/queue';
import { type CliCommand, UsageError } from '../cli-command';

// An import of a large file can take a while; the CLI only waits this long for the summary.
const WAIT_MS = 10 * 60_000;

/**
 * Queues a JSONL file for import by a worker and prints what it stored and rejected. The file path
 * must be readable by the worker too (same machine, or the same mount in the containers).
 */
export const importCommand: CliCommand = {
  name: 'import',
  usage: 'import <file.jsonl> [--no-wait]',
  summary: 'import posts from a JSONL file (one post per line) through the worker queues',
  async run(args, io) {
    const file = args.find((a) => !a.startsWith('--'));
    if (!file) throw new UsageError('import needs a file');
    const path = resolve(file);
    if (!existsSync(path)) throw new UsageError(`no such file: ${path}`);
    const config = loadConfigOrExit();
    const db = createDataSource({ url: config.database.url, poolSize: 2 });
    await db.initialize();
    const queue = createStandaloneQueue(config, 'import');
    const events = createQueueEvents(config, 'import');
    let stopWaiting = (): void => undefined;
    try {
      const sources = new SourceRepository(db);
      // A fresh source per import: re-importing a file reads it again, and the unique
      // (platform, external_id) key makes the second pass add nothing.
      const source = await sources.create({
        kind: 'import',
        name: `import ${basename(path)}`,
        target: path,
        enabled: true,
      });
      await events.waitUntilReady();
      const job = { queue: 'import' as const, name: 'poll' as const, data: { sourceId: source.id } };
      const jobId = jobOptionsFor(job).jobId;
      if (!jobId) throw new Error('import jobs carry a job id');
      if (args.includes('--no-wait')) {
        await queue.add(job.name, job.data, jobOptionsFor(job));
        io.stdout.write(`queued import of ${path} as source ${source.id}\n`);
        return 0;
      }
      const outcome = jobOutcome(events, jobId, WAIT_MS);
      stopWaiting = outcome.cancel;
      await queue.add(job.name, job.data, jobOptionsFor(job));
      io.stdout.write(`queued import of ${path} as source ${source.id}\n`);
      const summary = (await outcome.result) as {
        fetched: number;
        newPosts: number;
        expired?: number;
        rejected: number;
      };
      const expired = summary.expired ?? 0;
      io.stdout.write(
        `read ${summary.fetched + summary.rejected} post line(s): ${summary.newPosts} new, ` +
          `${summary.fetched - summary.newPosts - expired} already stored, ${summary.rejected} rejected` +
          `${expired > 0 ? `, ${expired} older than the retention horizon (not stored)` : ''}\n`,
      );
      for (const r of await sources.rejections(source.id, 50)) io.stdout.write(`  ${r.location}: ${r.reason}\n`);
      if (summary.rejected > 50) io.stdout.write(`  ... and ${summary.rejected - 50} more\n`);
      io.stdout.write('scoring and aggregation continue in the worker\n');
      return 0;
    } finally {
      stopWaiting();
      await events.close();
      await queue.close();
      await db.destroy();
    }
  },
};

/**
 * The return value of a job, from the queue's event stream. Listening starts before the job is
 * added: import jobs are removed once done, so BullMQ's waitUntilFinished could find the job gone
 * and report "Missing key" for an import that succeeded.
 */
function jobOutcome(
  events: QueueEvents,
  jobId: string,
  timeoutMs: number,
): { result: Promise<unknown>; cancel: () => void } {
  let cancel = (): void => undefined;
  const result = new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => settle(() => reject(new Error(`no result for import job ${jobId} within ${timeoutMs / 1000} s`))),
      timeoutMs,
    );
    const onCompleted = (event: { jobId: string; returnvalue: unknown }) => {
      if (event.jobId === jobId)
        settle(() =>
          resolve(typeof event.returnvalue === 'string' ? JSON.parse(event.returnvalue) : event.returnvalue),
        );
    };
    const onFailed = (event: { jobId: string; failedReason: string }) => {
      if (event.jobId === jobId) settle(() => reject(new Error(event.failedReason)));
    };
    const settle = (done: () => void) => {
      clearTimeout(timer);
      events.off('completed', onCompleted);
      events.off('failed', onFailed);
      done();
    };
    events.on('completed', onCompleted);
    events.on('failed', onFailed);
    // Stops listening and the timer (the command failed or ended before the job did).
    cancel = () => settle(() => resolve(undefined));
  });
  return { result, cancel };
}
