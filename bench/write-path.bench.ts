/**
 * npm run bench:write-path [-- --posts 200000 --batch 1000]
 *
 * Postgres's share of the pipeline, stage by stage, without the noise of a loaded machine: the
 * same repository calls the workers make (store pages with their cursor, load posts to score,
 * save scores and mentions, rebuild rollups), one after another on one connection to a throwaway
 * database, with the bench:scale posts. For each stage it prints the CPU the Postgres backend used
 * (from /proc, so not inflated by waiting) and the CPU this process used, per post.
 * The scorer runs between "load" and "save" and is not counted; bench:nlp measures it.
 */
import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import type { NormalizedPost } from '@labpulse/connectors';
import { loadConfigOrExit } from '@labpulse/config';
import { DEFAULT_LABS } from '@labpulse/labs';
import { createScorer, MODEL_VERSION } from '@labpulse/nlp';
import {
  createDataSource,
  IngestRepository,
  RollupRepository,
  ScoringRepository,
  SourceRepository,
  type PostScore,
} from '@labpulse/persistence';
import { createThrowawayDatabase } from '@labpulse/testing';
import { toPostScore } from '../apps/worker/src/score/post-score.mapper';
import { bulkText } from './bulk-posts';
import { cpuSeconds, parseFlags } from './pipeline-support';

const flags = parseFlags();
const POSTS = Number(flags.get('posts') ?? 200_000);
const BATCH = Number(flags.get('batch') ?? 1000);
const PLATFORMS = ['x', 'x', 'x', 'x', 'x', 'facebook', 'facebook', 'facebook', 'linkedin', 'linkedin'] as const;

interface StageCost {
  stage: string;
  seconds: number;
  postgresUs: number;
  nodeUs: number;
  walBytes: number;
}

function posts(): NormalizedPost[] {
  const now = Date.now();
  const from = now - 5 * 86_400_000;
  return Array.from({ length: POSTS }, (_, i) => ({
    platform: PLATFORMS[i % 10],
    externalId: `wp${i}`,
    parentExternalId: null,
    authorId: `author${i % 5000}`,
    authorName: `Author ${i % 5000}`,
    text: bulkText(i),
    language: 'en',
    createdAt: new Date(from + Math.floor(((now - 120_000 - from) * i) / POSTS)),
    url: `https://example.com/p/${i}`,
    engagement: { likes: (i * 31) % 200, comments: i % 7, shares: i % 3, quotes: null, impressions: null },
  }));
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const database = await createThrowawayDatabase(
    config.database.url,
    `labpulse_bench_write_${Date.now().toString(36)}`,
  );
  const db = createDataSource({ url: database.url, poolSize: 1 });
  await db.initialize();
  try {
    const [{ pid }] = (await db.query('SELECT pg_backend_pid() AS pid')) as Array<{ pid: number }>;
    const costs: StageCost[] = [];
    const stage = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const lsn = async (): Promise<string> =>
        ((await db.query('SELECT pg_current_wal_lsn()::text AS lsn')) as Array<{ lsn: string }>)[0].lsn;
      const wal0 = await lsn();
      const pg0 = cpuSeconds(pid) ?? Number.NaN;
      const node0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await run();
      const node = process.cpuUsage(node0);
      costs.push({
        stage: name,
        seconds: (performance.now() - t0) / 1000,
        postgresUs: (((cpuSeconds(pid) ?? Number.NaN) - pg0) / POSTS) * 1e6,
        nodeUs: (node.user + node.system) / POSTS,
        walBytes:
          Number(
            (
              (await db.query('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1) AS b', [wal0])) as Array<{ b: string }>
            )[0].b,
          ) / POSTS,
      });
      return result;
    };

    const all = posts();
    const ingest = new IngestRepository(db, config);
    const source = await new SourceRepository(db).create({ kind: 'x_search', name: 'write path', target: 'labwatch' });
    const batches = await stage('store pages (posts, outbox, cursor)', async () => {
      const ids: string[][] = [];
      for (let i = 0, version = 0; i < all.length; i += BATCH) {
        const saved = await ingest.savePage(source.id, version, all.slice(i, i + BATCH), { next: i }, []);
        version = saved.cursorVersion;
        ids.push(saved.newPostIds);
      }
      return ids;
    });

    const scoring = new ScoringRepository(db);
    const loaded = await stage('load posts to score', async () =>
      Promise.all(batches.map((ids) => scoring.loadUnscoredPosts(ids, MODEL_VERSION))),
    );
    const scorer = createScorer(DEFAULT_LABS);
    // The worker's own mapping (apps/worker/src/score/score.service.ts), so the bench stores what it stores.
    const scored: PostScore[][] = loaded.map((batch) =>
      batch.map((post) => toPostScore(String(post.id), scorer.score({ text: post.text, language: post.language }))),
    );
    await stage('save scores (scores, mentions, dirty buckets, outbox)', async () => {
      for (const [i, ids] of batches.entries()) await scoring.saveScores(MODEL_VERSION, ids, scored[i]);
    });
    const rollups = new RollupRepository(db);
    await stage('aggregate (5-minute, hour, day rollups)', async () => {
      while ((await rollups.aggregateDirty(1000)).claimedRows > 0);
    });

    const mentions = scored.flat().reduce((n, s) => n + s.mentions.length, 0);
    console.log(
      `bench:write-path  ${POSTS.toLocaleString('en-US')} posts (${mentions.toLocaleString('en-US')} lab mentions), ${BATCH} per call, one connection`,
    );
    const row = (name: string, wall: string, pg: number, node: number, wal: number): void =>
      console.log(
        `${name.padEnd(56)} ${wall.padStart(7)} ${pg.toFixed(1).padStart(17)} ${node.toFixed(1).padStart(13)} ${wal.toFixed(0).padStart(14)}`,
      );
    console.log(
      `${'stage'.padEnd(56)} ${'wall s'.padStart(7)} ${'Postgres us/post'.padStart(17)} ${'node us/post'.padStart(13)} ${'WAL bytes/post'.padStart(14)}`,
    );
    for (const c of costs) row(c.stage, c.seconds.toFixed(1), c.postgresUs, c.nodeUs, c.walBytes);
    row(
      'total',
      '',
      ...costs.reduce<[number, number, number]>(
        (t, c) => [t[0] + c.postgresUs, t[1] + c.nodeUs, t[2] + c.walBytes],
        [0, 0, 0],
      ),
    );
  } finally {
    await db.destroy();
    await database.drop();
  }
}

void main().catch((error: Error) => {
  console.error(error);
  process.exit(1);
});
