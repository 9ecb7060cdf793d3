/**
 * npm run bench:ingest [-- --posts 100000 --workers 1 [--split]]
 *
 * A fake X API holding N posts is polled through the real queues (poll-x -> score -> aggregate) by
 * real worker processes into a throwaway Postgres database. Prints posts/s for collection alone and
 * end to end, where the time goes (the connector alone, the scorer alone, on the same posts, in the
 * same run), and checks that every post arrived, was scored and was counted exactly once.
 */
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { loadConfigOrExit } from '@labpulse/config';
import { XSearchConnector } from '@labpulse/connectors';
import { DEFAULT_LABS } from '@labpulse/labs';
import { createStandaloneQueue, jobOptionsFor } from '@labpulse/queue';
import { createThrowawayDatabase, deleteRedisKeys, drainConnector, FakeXServer, waitFor } from '@labpulse/testing';
import { parseFlags, rate, scorerAlone, spawnApp, stopAll } from './pipeline-support';

const args = parseFlags();
const POSTS = Number(args.get('posts') ?? 100_000);
const WORKERS = Number(args.get('workers') ?? 1);
// --split: one process polls, the others score and aggregate (WORKER_QUEUES), as an operator would scale it.
const SPLIT = args.has('split');
const TOKEN = 'bench-bearer-token';
const TEXTS = [
  'OpenAI shipped a new model and it is honestly impressive',
  'Claude from Anthropic keeps refusing simple tasks, so annoying',
  'DeepSeek R1 matches OpenAI o1 at a fraction of the cost',
  'Gemini 2.5 Pro is great at long documents but slow today',
  'Meta AI released Llama 4 weights, the community is excited',
];

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const runId = `lpb${Date.now().toString(36)}`;
  const x = await FakeXServer.start({
    bearerToken: TOKEN,
    endTimeLagMs: 0,
    rateLimit: { recent: 10_000_000, enforce: false },
  });
  const now = Date.now();
  x.addPosts(POSTS, {
    from: now - 6 * 86_400_000,
    to: now - 60_000,
    make: (i) => ({ text: `${TEXTS[i % TEXTS.length]} (labwatch ${i})` }),
  });
  const database = await createThrowawayDatabase(config.database.url, `labpulse_bench_${runId}`);
  const children: ChildProcess[] = [];
  const db = new Client({ connectionString: database.url });
  await db.connect();
  try {
    // Where the time goes, part 1: the connector alone against the same fake server.
    const connector = new XSearchConnector({ baseUrl: x.baseUrl, token: TOKEN, timeoutMs: 30_000 });
    const t = performance.now();
    const drained = await drainConnector(
      connector,
      { kind: 'x_search', target: 'labwatch', options: { pageSize: 100 } },
      null,
      { maxPages: 100_000 },
    );
    const fetchSeconds = (performance.now() - t) / 1000;
    const texts = drained.posts.map((p) => p.text);
    // Part 2: the scorer alone on the same texts.
    const scoreSeconds = scorerAlone(DEFAULT_LABS, texts).seconds;

    const env = {
      ...process.env,
      DATABASE_URL: database.url,
      QUEUE_PREFIX: runId,
      X_API_BASE_URL: x.baseUrl,
      X_BEARER_TOKEN: TOKEN,
      WORKER_HEALTH_PORT: '0',
      LOG_LEVEL: 'warn',
      SCHEDULER_INTERVAL_MS: '500',
      POLL_JOBS_PER_MINUTE: '100000',
    };
    for (let i = 0; i < WORKERS; i++) {
      const roles = SPLIT
        ? i === 0
          ? 'schedule,poll-x'
          : (process.env.BENCH_SCORE_ROLES ?? 'score,aggregate,evaluate,deliver')
        : '';
      children.push(spawnApp('worker', { ...env, WORKER_QUEUES: roles }));
    }
    const [{ id: sourceId }] = (
      await db.query(
        `INSERT INTO sources (kind, name, target, options, poll_interval_seconds, next_poll_at)
         VALUES ('x_search', 'bench', 'labwatch', '{"pageSize": 100}', 3600, now() + interval '1 day') RETURNING id`,
      )
    ).rows as Array<{ id: string }>;
    const queue = createStandaloneQueue({ ...config, queue: { ...config.queue, prefix: runId } }, 'poll-x');
    const job = { queue: 'poll-x' as const, name: 'poll' as const, data: { sourceId } };
    const start = performance.now();
    await queue.add(job.name, job.data, jobOptionsFor(job));
    const count = async (sql: string) => Number((await db.query<{ n: string }>(sql)).rows[0].n);
    await waitFor(async () => (await count('SELECT count(*) AS n FROM posts')) >= POSTS, {
      description: 'every post stored',
      timeoutMs: 30 * 60_000,
      intervalMs: 200,
    });
    const storedSeconds = (performance.now() - start) / 1000;
    await waitFor(
      async () =>
        (await count(
          `SELECT ((SELECT count(*) FROM post_scores) = ${POSTS} AND NOT EXISTS (SELECT 1 FROM pending_scores) AND NOT EXISTS (SELECT 1 FROM dirty_buckets))::int AS n`,
        )) === 1,
      { description: 'every post scored and aggregated', timeoutMs: 30 * 60_000, intervalMs: 200 },
    );
    const endToEndSeconds = (performance.now() - start) / 1000;
    await queue.close();

    const checks = (
      await db.query(`SELECT
        (SELECT count(*) FROM posts) AS posts,
        (SELECT count(DISTINCT external_id) FROM posts) AS distinct_posts,
        (SELECT count(*) FROM post_scores) AS scores,
        (SELECT count(*) FROM post_lab_mentions WHERE lab_slug = 'openai') AS openai_mentions,
        (SELECT coalesce(sum(posts), 0) FROM trend_buckets WHERE lab_slug = 'openai' AND bucket_width = 'day') AS openai_rollup`)
    ).rows[0] as Record<string, string>;
    const exact =
      Number(checks.posts) === POSTS &&
      Number(checks.distinct_posts) === POSTS &&
      Number(checks.scores) === POSTS &&
      Number(checks.openai_rollup) === Number(checks.openai_mentions);

    console.log(
      `bench:ingest  ${POSTS.toLocaleString('en-US')} posts on a fake X API, ${WORKERS} worker process(es)${SPLIT ? ' (1 polling, the rest scoring)' : ''}, machine: ${process.platform} ${cpus().length} cores`,
    );
    console.log(`  collected (fetched + stored):     ${storedSeconds.toFixed(1)} s   ${rate(POSTS, storedSeconds)}`);
    console.log(
      `  end to end (scored + aggregated): ${endToEndSeconds.toFixed(1)} s   ${rate(POSTS, endToEndSeconds)}`,
    );
    console.log('  where the time goes (same posts, same run, one process each):');
    console.log(
      `    connector alone (HTTP + JSON + mapping): ${fetchSeconds.toFixed(1)} s   ${rate(drained.posts.length, fetchSeconds)}`,
    );
    console.log(
      `    scorer alone:                            ${scoreSeconds.toFixed(1)} s   ${rate(texts.length, scoreSeconds)}`,
    );
    console.log(
      `  exactly once: posts ${checks.posts}, distinct ${checks.distinct_posts}, scores ${checks.scores}, openai mentions ${checks.openai_mentions} = rollup ${checks.openai_rollup}: ${exact ? 'OK' : 'MISMATCH'}`,
    );
    if (!exact) process.exitCode = 1;
  } finally {
    await stopAll(children);
    await deleteRedisKeys(config.redis.url, `{${runId}}*`);
    await db.end();
    await database.drop();
    await x.close();
  }
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
