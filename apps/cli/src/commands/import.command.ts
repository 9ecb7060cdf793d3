import { basename, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { loadConfigOrExit } from '@labpulse/config';
import { createDataSource, SourceRepository } from '@labpulse/persistence';
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
    try {
      const sources = new SourceRepository(db);
      // A fresh source per import: re-importing a file reads it again, and the unique
      // (platform, external_id) key makes the second pass add nothing.
      const source = await sources.create({ kind: 'import', name: `import ${basename(path)}`, target: path, enabled: true });
      await events.waitUntilReady();
      const job = { queue: 'import' as const, name: 'poll' as const, data: { sourceId: source.id } };
      const added = await queue.add(job.name, job.data, jobOptionsFor(job));
      io.stdout.write(`queued import of ${path} as source ${source.id}\n`);
      if (args.includes('--no-wait')) return 0;
      const summary = (await added.waitUntilFinished(events, WAIT_MS)) as { fetched: number; newPosts: number; rejected: number };
      io.stdout.write(
        `read ${summary.fetched + summary.rejected} post line(s): ${summary.newPosts} new, ` +
          `${summary.fetched - summary.newPosts} already stored, ${summary.rejected} rejected\n`,
      );
      for (const r of await sources.rejections(source.id, 50)) io.stdout.write(`  ${r.location}: ${r.reason}\n`);
      if (summary.rejected > 50) io.stdout.write(`  ... and ${summary.rejected - 50} more\n`);
      io.stdout.write('scoring and aggregation continue in the worker\n');
      return 0;
    } finally {
      await events.close();
      await queue.close();
      await db.destroy();
    }
  },
};
