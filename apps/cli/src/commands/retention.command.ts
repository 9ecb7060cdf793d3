import { loadConfigOrExit } from '@labpulse/config';
import { createDataSource, RetentionRepository, retentionHorizon } from '@labpulse/persistence';
import { type CliCommand, UsageError } from '../cli-command';

/**
 * Runs one full retention pass now (the worker runs the same hourly, in smaller steps) and prints
 * the horizon, the watermark and what was deleted. Rollups are never touched.
 */
export const retentionCommand: CliCommand = {
  name: 'retention',
  usage: 'retention run',
  summary: 'delete posts older than POST_RETENTION_DAYS now (rollups are kept) and print what went',
  async run(argv, io) {
    if (argv[0] !== 'run' || argv.length !== 1) throw new UsageError('retention needs run');
    const config = loadConfigOrExit();
    const db = createDataSource({ url: config.database.url, poolSize: 1 });
    await db.initialize();
    try {
      const days = config.retention.postDays;
      const horizon = retentionHorizon(days, new Date());
      const pass = await new RetentionRepository(db).runPass(horizon, config.retention.batchSize);
      const lines = [
        horizon === null
          ? 'horizon: none (POST_RETENTION_DAYS=0 keeps posts forever)'
          : `horizon: ${horizon.toISOString()} (POST_RETENTION_DAYS=${days})`,
        pass.watermark === null
          ? 'watermark: none (nothing purged yet)'
          : `watermark: ${pass.watermark.toISOString()} (posts published before it are gone; their rollups stay)`,
        ...(pass.heldBack ? [`held back: ${pass.heldBack}`] : []),
        `deleted: ${pass.posts} posts, ${pass.scores} scores, ${pass.mentions} lab mentions, ${pass.pendingScores} pending scores, ` +
          `${pass.dirtyBuckets} dirty buckets, ${pass.ingestRejections} ingest rejections, ${pass.pollOutcomes} poll outcomes ` +
          `(${pass.batches} batches of at most ${config.retention.batchSize})`,
      ];
      io.stdout.write(`${lines.join('\n')}\n`);
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
