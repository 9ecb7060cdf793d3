import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeXServer, waitFor } from '@labpulse/testing';
import { listeningPort } from '../../apps/worker/src/health/worker-health.server';
import { WorkerHarness } from '../support/worker-harness';

/** The worker's /metrics (on its health port) moves with real work: a poll of the fake X API through Redis and Postgres. */
let x: FakeXServer;
let h: WorkerHarness;

before(async () => {
  x = await FakeXServer.start({ endTimeLagMs: 0 });
  h = await WorkerHarness.start({ X_API_BASE_URL: x.baseUrl, X_BEARER_TOKEN: 'fake-x-bearer-token' });
});
after(async () => {
  await h.close();
  await x.close();
});

async function scrape(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${listeningPort(h.worker.health)}/metrics`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/);
  return res.text();
}

function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

test('posts fetched, stored, scored and aggregated are counted exactly, with job durations per queue', async () => {
  const before = await scrape();
  const counters = (text: string) => ({
    fetched: value(text, 'labpulse_posts_fetched_total{platform="x"}'),
    stored: value(text, 'labpulse_posts_stored_total{platform="x"}'),
    scored: value(text, 'labpulse_posts_scored_total'),
    buckets: value(text, 'labpulse_rollup_buckets_aggregated_total'),
    polls: value(text, 'labpulse_job_duration_seconds_count{queue="poll-x",outcome="completed"}'),
    scores: value(text, 'labpulse_job_duration_seconds_count{queue="score",outcome="completed"}'),
  });
  const start = counters(before);
  x.addPosts(37, { make: (i) => ({ text: `metrics post ${i}: OpenAI shipped something great` }) });
  const source = await h.createSource('x_search', 'metrics', { pageSize: 10 });
  const polled = await h.pollAndWait(source);
  assert.equal(polled.status, 'ok');
  await h.waitForPipeline();
  // The last job's counters are recorded just after its result is stored: wait for them, bounded.
  const end = await waitFor(
    async () => {
      const now = counters(await scrape());
      return now.scored - start.scored >= 37 && now.buckets > start.buckets ? now : undefined;
    },
    { description: 'the score and aggregate counters to move', timeoutMs: 10_000 },
  );
  assert.equal(end.fetched - start.fetched, 37);
  assert.equal(end.stored - start.stored, 37);
  assert.equal(end.scored - start.scored, 37, 'every new post is counted as scored once');
  assert.ok(end.polls - start.polls >= 1);
  assert.ok(end.scores - start.scores >= 1);
  const text = await scrape();
  assert.match(text, /^labpulse_job_duration_seconds_bucket\{le="\+Inf",queue="poll-x",outcome="completed"\} \d+$/m);
  assert.match(text, /^labpulse_queue_jobs\{queue="score",state="waiting"\} \d+$/m);
  assert.match(text, /^process_resident_memory_bytes \d+/m);
});

test('a failing poll counts as a job failure of its queue', async () => {
  const failures = async () => value(await scrape(), 'labpulse_job_failures_total{queue="poll-x"}');
  const before = await failures();
  x.failAlways({ kind: 'server-error', status: 503 }, { when: (req) => req.query.get('query') === 'failing' });
  const source = await h.createSource('x_search', 'failing');
  const polled = await h.pollAndWait(source);
  assert.equal(polled.status, 'failing');
  await waitFor(async () => (await failures()) > before, {
    description: 'the failure counter to move',
    timeoutMs: 10_000,
  });
  x.clearFailures();
});
