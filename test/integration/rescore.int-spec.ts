import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LABS } from '@labpulse/labs';
import { createScorer, MODEL_VERSION } from '@labpulse/nlp';
import { IngestRepository, RollupRepository, ScoringRepository } from '@labpulse/persistence';
import { jobOptionsFor } from '@labpulse/queue';
import { waitFor } from '@labpulse/testing';
import { WorkerHarness } from '../support/worker-harness';

/** A model upgrade: re-scoring a range rebuilds its rollups from the new version only. */
let h: WorkerHarness;

before(async () => {
  h = await WorkerHarness.start({});
});
after(() => h.close());

const OLD = 'old-model-v0';
const TEXTS = {
  r1: 'I love OpenAI, ChatGPT is wonderful',
  r2: 'OpenAI is awful and broken, I hate it',
  r3: 'OpenAI announced a model',
};

test('a rescore scores every post in range once with the current model and rebuilds only those buckets', async () => {
  const source = await h.createSource('import', '/dev/null');
  const at = (iso: string, id: string, text: string) => ({
    platform: 'x' as const,
    externalId: id,
    parentExternalId: null,
    authorId: null,
    authorName: null,
    text,
    language: 'en',
    createdAt: new Date(iso),
    url: null,
    engagement: { likes: 0, comments: 0, shares: 0, quotes: null, impressions: null },
  });
  const saved = await new IngestRepository(h.db).savePage(
    source.id,
    source.cursorVersion,
    [
      at('2026-10-01T10:00:00Z', 'r1', TEXTS.r1),
      at('2026-10-01T23:59:00Z', 'r2', TEXTS.r2),
      at('2026-10-02T12:00:00Z', 'r3', TEXTS.r3),
      at('2026-10-05T12:00:00Z', 'outside', 'OpenAI is great'),
    ],
    null,
    [],
  );
  // As the old model left them: everything neutral.
  const scoring = new ScoringRepository(h.db);
  await scoring.saveScores(
    OLD,
    saved.newPostIds,
    saved.newPostIds.map((postId) => ({
      postId,
      scored: true,
      language: 'en',
      sentiment: { label: 'neutral' as const, score: 0, confidence: 0.5 },
      mentions: [
        {
          lab: 'openai',
          stance: 'neutral' as const,
          score: 0,
          confidence: 0.5,
          evidence: { start: 0, end: 6, text: 'OpenAI' },
        },
      ],
    })),
  );
  await new RollupRepository(h.db).aggregateDirty(1000);

  const job = {
    queue: 'score' as const,
    name: 'rescore' as const,
    data: { from: '2026-10-01T00:00:00.000Z', to: '2026-10-03T00:00:00.000Z' },
  };
  await h.jobs.enqueue(job);
  const jobId = String(jobOptionsFor(job).jobId);
  await waitFor(async () => (await h.jobs.queue('score').getJobState(jobId)) === 'completed', {
    description: 'the rescore job to complete',
  });
  const [rescored] = await h.db.query(`SELECT count(*)::int AS n FROM post_scores WHERE model_version = $1`, [
    MODEL_VERSION,
  ]);
  assert.equal(rescored.n, 3, 'the three posts in range, and only those, are rescored');
  await h.waitForPipeline();
  const days = await h.db.query(
    `SELECT to_char(bucket_start AT TIME ZONE 'UTC', 'MM-DD') AS day, model_version, posts, positive, neutral, negative
     FROM trend_buckets WHERE lab_slug = 'openai' AND bucket_width = 'day' ORDER BY bucket_start`,
  );
  // What the current model says of each post, counted per day: the rebuilt rollups must agree.
  const scorer = createScorer(DEFAULT_LABS);
  const count = (...texts: string[]) => {
    const labels = texts.map((text) => scorer.score({ text, language: 'en' }).sentiment.label);
    return {
      positive: labels.filter((l) => l === 'positive').length,
      neutral: labels.filter((l) => l === 'neutral').length,
      negative: labels.filter((l) => l === 'negative').length,
    };
  };
  assert.deepEqual(days, [
    { day: '10-01', model_version: MODEL_VERSION, posts: 2, ...count(TEXTS.r1, TEXTS.r2) },
    { day: '10-02', model_version: MODEL_VERSION, posts: 1, ...count(TEXTS.r3) },
    { day: '10-05', model_version: OLD, posts: 1, positive: 0, neutral: 1, negative: 0 },
  ]);
  // The all-platforms rollup was rewritten by the same rebuilds (every post here is on x, so it equals the x rows).
  const allPlatforms = await h.db.query(
    `SELECT to_char(bucket_start AT TIME ZONE 'UTC', 'MM-DD') AS day, model_version, posts, positive, neutral, negative
     FROM trend_buckets_all_platforms WHERE lab_slug = 'openai' AND bucket_width = 'day' ORDER BY bucket_start`,
  );
  assert.deepEqual(allPlatforms, days);
  const [mixed] = await h.db.query(
    `SELECT count(DISTINCT model_version)::int AS n FROM trend_buckets WHERE bucket_start < '2026-10-03' `,
  );
  assert.equal(mixed.n, 1, 'no bucket in range still counts the old model');
});
