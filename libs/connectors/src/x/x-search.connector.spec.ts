import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { drainConnector, FakeXServer, ManualClock } from '@labpulse/testing';
import {
  AuthFailedError,
  InvalidSourceError,
  MalformedPayloadError,
  PlatformRateLimitedError,
  SourceQuotaExceededError,
  TransientPlatformError,
} from '../connector-errors';
import type { SourceCursor, SourceTarget } from '../source-connector';
import { XSearchConnector } from './x-search.connector';

const QUERY = '(OpenAI OR Anthropic) lang:en -is:retweet';
const source = (options: Record<string, unknown> = { pageSize: 10 }, target = QUERY): SourceTarget => ({
  kind: 'x_search',
  target,
  options,
});

describe('XSearchConnector against FakeXServer', () => {
  const clock = new ManualClock();
  let fake: FakeXServer;
  const connector = (timeoutMs = 5_000): XSearchConnector =>
    new XSearchConnector({ baseUrl: fake.baseUrl, token: fake.bearerToken, timeoutMs, now: () => clock.date() });

  before(async () => {
    fake = await FakeXServer.start({ clock, bearerToken: 'x-secret-token-123' });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.clearFailures();
    fake.clearRequests();
    clock.advance(3_600_000);
  });

  it('pages across several pages with one since_id, collecting every post exactly once', async () => {
    const ids = fake.addPosts(35, { make: (i) => ({ text: `Anthropic update ${i}` }) });
    fake.addPost({ text: 'Nothing relevant here', createdAt: clock.now() - 120_000 });
    fake.addPost({ text: 'RT about OpenAI', retweet: true, createdAt: clock.now() - 120_000 });

    const first = await drainConnector(connector(), source(), null);
    assert.equal(first.pages.length, 4);
    assert.deepEqual(first.posts.map((post) => post.externalId).sort(), [...ids].sort());
    assert.equal(new Set(first.posts.map((post) => post.externalId)).size, 35);
    assert.deepEqual(first.cursor, {
      kind: 'x_search',
      target: QUERY,
      sinceId: ids.at(-1),
      pendingNewestId: null,
      nextToken: null,
    });

    const tokens = fake.requests.map((request) => request.query.next_token);
    assert.equal(tokens[0], undefined);
    assert.ok(tokens.slice(1).every((token) => typeof token === 'string' && !/^\d+$/.test(token)));

    // Second poll: only what arrived since, and every page carries the stored since_id.
    fake.clearRequests();
    const fresh = [fake.addPost({ text: 'OpenAI again' }).id, fake.addPost({ text: 'and Anthropic' }).id];
    const second = await drainConnector(connector(), source(), first.cursor);
    assert.deepEqual(
      second.posts.map((post) => post.externalId),
      [...fresh].reverse(),
    );
    assert.equal(fake.requests[0].query.since_id, ids.at(-1));
    assert.deepEqual(second.cursor, {
      kind: 'x_search',
      target: QUERY,
      sinceId: fresh[1],
      pendingNewestId: null,
      nextToken: null,
    });
  });

  it('returns an empty page and keeps the old since_id when nothing matches', async () => {
    const empty = await drainConnector(connector(), source({}, 'zebra OR okapi'), null);
    assert.equal(empty.posts.length, 0);
    assert.equal(empty.pages.length, 1);
    assert.equal(empty.finished, true);
    assert.deepEqual(empty.cursor, {
      kind: 'x_search',
      target: 'zebra OR okapi',
      sinceId: null,
      pendingNewestId: null,
      nextToken: null,
    });

    const zebra = fake.addPost({ text: 'a zebra', createdAt: clock.now() - 60_000 }).id;
    const once = await drainConnector(connector(), source({}, 'zebra OR okapi'), empty.cursor);
    const again = await drainConnector(connector(), source({}, 'zebra OR okapi'), once.cursor);
    assert.deepEqual(
      once.posts.map((post) => post.externalId),
      [zebra],
    );
    assert.equal(again.posts.length, 0);
    assert.deepEqual(again.cursor, once.cursor);
  });

  it('accepts an empty result sent as data: []', async () => {
    const other = await FakeXServer.start({ clock, emptyData: 'empty-array' });
    try {
      const x = new XSearchConnector({
        baseUrl: other.baseUrl,
        token: other.bearerToken,
        timeoutMs: 5_000,
        now: () => clock.date(),
      });
      const page = await x.fetchPage(source(), null);
      assert.deepEqual(page.posts, []);
      assert.equal(page.hasMore, false);
    } finally {
      await other.close();
    }
  });

  it('resumes from a stored cursor mid-pagination after a restart, losing and repeating nothing', async () => {
    const query = 'restartable';
    const ids = fake.addPosts(42, { make: (i) => ({ text: `restartable ${i}` }) });
    const crashed = await drainConnector(connector(), source({ pageSize: 10 }, query), null, { maxPages: 2 });
    assert.equal(crashed.finished, false);
    assert.equal(crashed.posts.length, 20);
    const stored = crashed.cursor as Record<string, unknown>;
    assert.equal(stored.sinceId, null);
    assert.equal(stored.pendingNewestId, ids.at(-1));
    assert.equal(typeof stored.nextToken, 'string');

    // A post arriving while the worker was down belongs to the next poll, not this one.
    const late = fake.addPost({ text: 'restartable late' }).id;
    const resumed = await drainConnector(connector(), source({ pageSize: 10 }, query), crashed.cursor);
    const all = [...crashed.posts, ...resumed.posts].map((post) => post.externalId);
    assert.deepEqual([...all].sort(), [...ids].sort());
    assert.equal((resumed.cursor as Record<string, unknown>).sinceId, ids.at(-1));

    const next = await drainConnector(connector(), source({ pageSize: 10 }, query), resumed.cursor);
    assert.deepEqual(
      next.posts.map((post) => post.externalId),
      [late],
    );
  });

  it('retries a failed page from the same cursor without losing posts', async () => {
    const ids = fake.addPosts(25, { make: (i) => ({ text: `retryable ${i}` }) });
    const page1 = await connector().fetchPage(source(undefined, 'retryable'), null);
    fake.failNext({ kind: 'server-error', status: 503 });
    await assert.rejects(connector().fetchPage(source(undefined, 'retryable'), page1.cursor), TransientPlatformError);
    const rest = await drainConnector(connector(), source(undefined, 'retryable'), page1.cursor);
    assert.equal(rest.pages.length, 2);
    assert.deepEqual([...page1.posts, ...rest.posts].map((post) => post.externalId).sort(), [...ids].sort());
  });

  it('normalises posts: note_tweet text, author, metrics, reply parent, language, url', async () => {
    const parent = fake.addPost({
      text: 'Gemini thread start',
      author: 'deepmind_fan',
      createdAt: clock.now() - 90_000,
    });
    const long = `Gemini ${'x'.repeat(300)}`;
    const reply = fake.addPost({
      text: long,
      author: { username: 'priya_builds', name: 'Priya N.' },
      replyTo: parent.id,
      lang: 'de',
      metrics: { like_count: 187, retweet_count: 12, reply_count: 4, quote_count: 2, impression_count: 15320 },
      createdAt: clock.now() - 60_000,
    });
    const { posts } = await drainConnector(connector(), source({}, 'Gemini'), null);
    const mapped = posts.find((post) => post.externalId === reply.id)!;
    assert.equal(mapped.text, long);
    assert.equal(mapped.authorName, 'priya_builds');
    assert.equal(mapped.authorId, reply.authorId);
    assert.equal(mapped.parentExternalId, parent.id);
    assert.equal(mapped.language, 'de');
    assert.equal(mapped.url, `https://x.com/priya_builds/status/${reply.id}`);
    assert.equal(mapped.createdAt.getTime(), Math.floor(reply.createdAtMs / 1000) * 1000);
    assert.deepEqual(mapped.engagement, { likes: 187, comments: 4, shares: 12, quotes: 2, impressions: 15320 });
    assert.equal(posts.find((post) => post.externalId === parent.id)!.parentExternalId, null);
  });

  it('sends the documented request: fields, expansions, bearer token, %20-encoded query', async () => {
    await connector().fetchPage(source(), null);
    const request = fake.requests[0];
    assert.equal(request.path, '/2/tweets/search/recent');
    assert.equal(request.headers.authorization, 'Bearer x-secret-token-123');
    assert.equal(request.headers['user-agent'], 'LabPulse-Collector/1');
    assert.equal(request.query.query, QUERY);
    assert.equal(request.query.expansions, 'author_id');
    assert.match(request.query['tweet.fields'], /note_tweet/);
    assert.match(request.query['tweet.fields'], /public_metrics/);
    assert.equal(request.query.max_results, '10');
  });

  it('uses full-archive search with start_time for backfill, then since_id', async () => {
    const old = fake.addPost({ text: 'archive backfill item', createdAt: clock.now() - 20 * 86_400_000 }).id;
    const options = { archive: true, startTime: new Date(clock.now() - 25 * 86_400_000).toISOString() };
    const backfill = await drainConnector(connector(), source(options, 'backfill'), null);
    assert.deepEqual(
      backfill.posts.map((post) => post.externalId),
      [old],
    );
    const request = fake.requests[0];
    assert.equal(request.path, '/2/tweets/search/all');
    assert.equal(request.query.max_results, '500');
    assert.ok(request.query.start_time);
    fake.clearRequests();
    await drainConnector(connector(), source(options, 'backfill'), backfill.cursor);
    assert.equal(fake.requests[0].query.since_id, old);
    assert.equal(fake.requests[0].query.start_time, undefined);
  });

  it('restarts from the window start when the stored since_id is older than 7 days', async () => {
    const stale = fake.addPost({ text: 'stale marker', createdAt: clock.now() - 8 * 86_400_000 }).id;
    const fresh = fake.addPost({ text: 'stale marker again', createdAt: clock.now() - 60_000 }).id;
    const cursor: SourceCursor = {
      kind: 'x_search',
      target: 'stale',
      sinceId: stale,
      pendingNewestId: null,
      nextToken: null,
    };
    const result = await drainConnector(connector(), source({}, 'stale'), cursor);
    assert.deepEqual(
      result.posts.map((post) => post.externalId),
      [fresh],
    );
    assert.match(result.warnings.join('\n'), /older than the search window/);
  });

  it('starts afresh when the stored cursor belongs to another query', async () => {
    const id = fake.addPost({ text: 'retargeted post', createdAt: clock.now() - 60_000 }).id;
    const cursor: SourceCursor = {
      kind: 'x_search',
      target: 'old query',
      sinceId: id,
      pendingNewestId: null,
      nextToken: null,
    };
    const result = await drainConnector(connector(), source({}, 'retargeted'), cursor);
    assert.deepEqual(
      result.posts.map((post) => post.externalId),
      [id],
    );
  });

  it('keeps the good posts of a 200 with partial errors and reports them as warnings', async () => {
    const id = fake.addPost({ text: 'partial quote', createdAt: clock.now() - 60_000 }).id;
    fake.failNext({ kind: 'partial-error' });
    const page = await connector().fetchPage(source({}, 'partial'), null);
    assert.deepEqual(
      page.posts.map((post) => post.externalId),
      [id],
    );
    assert.equal(page.warnings.length, 1);
    assert.match(page.warnings[0], /not-authorized-for-resource/);
  });

  it('maps a 429 with x-rate-limit-reset to PlatformRateLimitedError at the reset time', async () => {
    const resetSeconds = Math.ceil(clock.now() / 1000) + 600;
    fake.failNext({ kind: 'rate-limited', resetInSeconds: 600 });
    const error = await rejection(connector().fetchPage(source(), null));
    assert.ok(error instanceof PlatformRateLimitedError);
    assert.equal(error.resetAt.getTime(), resetSeconds * 1000);

    fake.failNext({ kind: 'rate-limited', form: 'legacy', resetInSeconds: 5 });
    const legacy = await rejection(connector().fetchPage(source(), null));
    assert.ok(legacy instanceof PlatformRateLimitedError);
    // The docs wait at least a minute even when the reset is closer.
    assert.equal(legacy.resetAt.getTime(), clock.now() + 60_000);
    assert.match(legacy.message, /code 88/);
  });

  it('maps usage-capped to SourceQuotaExceededError until the period ends', async () => {
    clock.set(Date.UTC(2026, 7, 20, 15, 0, 0));
    fake.failNext({ kind: 'usage-capped', period: 'Monthly' });
    const monthly = await rejection(connector().fetchPage(source(), null));
    assert.ok(monthly instanceof SourceQuotaExceededError);
    assert.equal(monthly.resumeAt.toISOString(), '2026-09-01T00:00:00.000Z');

    fake.failNext({ kind: 'usage-capped', period: 'Daily', scope: 'Account' });
    const daily = await rejection(connector().fetchPage(source(), null));
    assert.ok(daily instanceof SourceQuotaExceededError);
    assert.equal(daily.resumeAt.toISOString(), '2026-08-21T00:00:00.000Z');
  });

  it('maps 401 and 403 to AuthFailedError without leaking the token', async () => {
    const wrong = new XSearchConnector({ baseUrl: fake.baseUrl, token: 'not-the-token', timeoutMs: 5_000 });
    const unauthorized = await rejection(wrong.fetchPage(source(), null));
    assert.ok(unauthorized instanceof AuthFailedError);
    assert.doesNotMatch(unauthorized.message, /not-the-token/);

    fake.failNext({ kind: 'forbidden' });
    const forbidden = await rejection(connector().fetchPage(source({ archive: true }), null));
    assert.ok(forbidden instanceof AuthFailedError);
    assert.match(forbidden.message, /client-not-enrolled/);
  });

  it('maps 5xx and timeouts to TransientPlatformError', async () => {
    fake.failNext({ kind: 'server-error', status: 500 });
    assert.ok((await rejection(connector().fetchPage(source(), null))) instanceof TransientPlatformError);
    fake.failNext({ kind: 'slow' });
    const timeout = await rejection(connector(50).fetchPage(source(), null));
    assert.ok(timeout instanceof TransientPlatformError);
    assert.match(timeout.message, /timed out/);
  });

  it('rethrows the caller abort instead of classifying it', async () => {
    const controller = new AbortController();
    // Abort once the request has reached the server, so it cannot land in a later test.
    const abortOnArrival = (): boolean => {
      controller.abort(new Error('shutting down'));
      return true;
    };
    fake.failNext({ kind: 'slow' }, { when: abortOnArrival });
    await assert.rejects(connector().fetchPage(source(), null, controller.signal), /shutting down/);
  });

  it('names the offending field of a malformed payload', async () => {
    fake.addPosts(3, { make: (i) => ({ text: `malformed ${i}` }) });
    fake.failNext({ kind: 'malformed', index: 1, field: 'created_at' });
    const missing = await rejection(connector().fetchPage(source({}, 'malformed'), null));
    assert.ok(missing instanceof MalformedPayloadError);
    assert.equal(missing.field, 'data[1].created_at');

    fake.failNext({ kind: 'malformed', index: 2, field: 'id' });
    const numeric = await rejection(connector().fetchPage(source({}, 'malformed'), null));
    assert.ok(numeric instanceof MalformedPayloadError);
    assert.equal(numeric.field, 'data[2].id');

    fake.failNext({ kind: 'malformed', field: 'meta' });
    assert.equal(
      ((await rejection(connector().fetchPage(source({}, 'malformed'), null))) as MalformedPayloadError).field,
      'meta',
    );

    fake.failNext({ kind: 'invalid-json' });
    assert.equal(
      ((await rejection(connector().fetchPage(source({}, 'malformed'), null))) as MalformedPayloadError).field,
      '(body)',
    );
  });

  it('maps a rejected query to InvalidSourceError and validates options before calling', async () => {
    const badQuery = await rejection(connector().fetchPage(source({}, '-(OpenAI OR Anthropic)'), null));
    assert.ok(badQuery instanceof InvalidSourceError);
    assert.match(badQuery.message, /negating a group/);
    fake.clearRequests();
    await assert.rejects(connector().fetchPage(source({ pageSize: 5 }), null), InvalidSourceError);
    await assert.rejects(connector().fetchPage(source({}, '   '), null), InvalidSourceError);
    assert.equal(fake.requests.length, 0);
  });

  it('reports the rate-limit headers of a successful page', async () => {
    const page = await connector().fetchPage(source(), null);
    assert.equal(page.rateLimit?.limit, 450);
    assert.ok((page.rateLimit?.remaining ?? -1) >= 0);
    assert.ok(page.rateLimit?.resetAt instanceof Date);
  });
});

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new assert.AssertionError({ message: 'expected a rejection' });
}
