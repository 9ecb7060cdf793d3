import { loadConfigOrExit } from '@labpulse/config';
import { createStandaloneQueue, jobOptionsFor } from '@labpulse/queue';
import { type CliCommand, UsageError } from '../cli-command';

/**
 * Queues a re-score of posts published in [from, to) with the model the score workers run now;
 * their buckets are rebuilt day by day once each day is fully re-scored.
 */
export const rescoreCommand: CliCommand = {
  name: 'rescore',
  usage: 'rescore --from <ISO 8601> --to <ISO 8601>',
  summary: 'queue a re-score of a time range with the current model, rebuilding its rollups',
  async run(args, io) {
    const from = valueOf(args, '--from');
    const to = valueOf(args, '--to');
    if (!from || Number.isNaN(Date.parse(from))) throw new UsageError('--from must be an ISO 8601 timestamp');
    if (!to || Number.isNaN(Date.parse(to))) throw new UsageError('--to must be an ISO 8601 timestamp');
    if (Date.parse(from) >= Date.parse(to)) throw new UsageError('--from must be before --to');
    const config = loadConfigOrExit();
    const queue = createStandaloneQueue(config, 'score');
    try {
      const job = {
        queue: 'score' as const,
        name: 'rescore' as const,
        data: { from: new Date(from).toISOString(), to: new Date(to).toISOString() },
      };
      const added = await queue.add(job.name, job.data, jobOptionsFor(job));
      io.stdout.write(`queued rescore of ${job.data.from} .. ${job.data.to} as job ${added.id}\n`);
      return 0;
    } finally {
      await queue.close();
    }
  },
};

function valueOf(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}
