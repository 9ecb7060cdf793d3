import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { drainConnector, FakeLinkedInServer, ManualClock, type FakeLinkedInOrganization } from '@labpulse/testing';
import {
  AuthFailedError,
  InvalidSourceError,
  MalformedPayloadError,
  SourceQuotaExceededError,
  TransientPlatformError,
} from '../connector-errors';
import type { SourceTarget } from '../source-connector';
import { commentaryToText } from './linkedin-commentary.mapper';
import { LinkedInOrgConnector } from './linkedin-org.connector';

const MINUTE = 60_000;
const HOUR = 3_600_000;
const TOKEN = 'AQX-linkedin-secret-token';

describe('LinkedInOrgConnector against FakeLinkedInServer', () => {
  const clock = new ManualClock(Date.UTC(2026, 7, 20, 12, 0, 0));
  let fake: FakeLinkedInServer;
  let org: FakeLinkedInOrganization;
  const connector = (timeoutMs = 5_000, version = '202608'): LinkedInOrgConnector =>
    new LinkedInOrgConnector({ baseUrl: fake.baseUrl, token: TOKEN, version, timeoutMs, now: () => clock.date() });
  const source = (options: Record<string, unknown> = {}, target = org.urn): SourceTarget => ({
    kind: 'linkedin_org',
    target,
    options: { pageSize: 2, commentPageSize: 2, ...options },
  });
  const ids = (posts: readonly { externalId: string }[]): string[] => posts.map((post) => post.externalId).sort();

  before(async () => {
    fake = await FakeLinkedInServer.start({ clock, accessToken: TOKEN });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.clearFailures();
    fake.clearRequests();
    clock.advance(HOUR);
    org = fake.addOrganization({ name: 'Example Labs' });
  });

  it('pages through posts and the comments of recent posts, each exactly once', async () => {
    const posts = [5, 4, 3, 2, 1].map((h) => fake.addPost(org.urn, { createdAt: clock.now() - h * HOUR }));
    const comments = [1, 2, 3].map((i) =>
      fake.addComment(posts[4].urn, { createdAt: clock.now() - (10 - i) * MINUTE, likes: i }),
    );
    const first = await drainConnector(connector(), source(), null);
    assert.deepEqual(ids(first.posts), [...posts.map((p) => p.urn), ...comments.map((c) => c.urn)].sort());
    const comment = first.posts.find((post) => post.externalId === comments[2].urn)!;
    assert.equal(comment.parentExternalId, posts[4].urn);
    assert.equal(comment.engagement.likes, 3);
    // No permalink in the API: the feed update of the comment's activity, with its commentUrn.
    const [, activity, commentId] = /^urn:li:comment:\((urn:li:activity:\d+),(\d+)\)$/.exec(comment.externalId)!;
    assert.equal(
      comment.url,
      `https://www.linkedin.com/feed/update/${activity}?commentUrn=${encodeURIComponent(
        `urn:li:comment:(${activity.slice(7)},${commentId})`,
      )
        .replace(/\(/g, '%28')
        .replace(/\)/g, '%29')}`,
    );

    const finder = fake.requests.filter((request) => request.path === '/rest/posts');
    assert.deepEqual(
      finder.map((request) => request.query.start),
      ['0', '2', '4'],
    );
    const request = finder[0];
    assert.equal(request.headers['linkedin-version'], '202608');
    assert.equal(request.headers['x-restli-protocol-version'], '2.0.0');
    assert.equal(request.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(request.query.q, 'author');
    assert.equal(request.query.author, org.urn);
    assert.ok(fake.requests.some((r) => r.path === `/rest/socialActions/${encodeURIComponent(posts[4].urn)}/comments`));

    const fresh = fake.addPost(org.urn, { createdAt: clock.now() });
    const late = fake.addComment(posts[3].urn, { createdAt: clock.now() });
    const second = await drainConnector(connector(), source(), first.cursor);
    assert.deepEqual(ids(second.posts), [fresh.urn, late.urn].sort());
    assert.deepEqual((await drainConnector(connector(), source(), second.cursor)).posts, []);
  });

  it('returns nothing for an organization without posts, also when LinkedIn answers 404', async () => {
    const empty = await drainConnector(connector(), source(), null);
    assert.deepEqual(empty.posts, []);
    assert.equal(empty.pages.length, 1);
    fake.failNext({ kind: 'not-found' });
    const notFound = await drainConnector(connector(), source(), null);
    assert.deepEqual(notFound.posts, []);
    assert.match(notFound.warnings.join('\n'), /404/);
  });

  it('resumes from a stored cursor mid-pagination even when new posts shift the offsets', async () => {
    const posts = [7, 6, 5, 4, 3, 2, 1].map((h) => fake.addPost(org.urn, { createdAt: clock.now() - h * HOUR }));
    const crashed = await drainConnector(connector(), source({ comments: false }), null, { maxPages: 2 });
    assert.equal(crashed.posts.length, 4);
    // Two posts published while the worker was down push everything two offsets down.
    const arrived = [
      fake.addPost(org.urn, { createdAt: clock.now() - MINUTE }),
      fake.addPost(org.urn, { createdAt: clock.now() }),
    ];
    const resumed = await drainConnector(connector(), source({ comments: false }), crashed.cursor);
    const collected = [...crashed.posts, ...resumed.posts].map((post) => post.externalId);
    assert.equal(new Set(collected).size, collected.length, 'no duplicates');
    assert.deepEqual([...collected].sort(), posts.map((p) => p.urn).sort());
    const next = await drainConnector(connector(), source({ comments: false }), resumed.cursor);
    assert.deepEqual(ids(next.posts), arrived.map((p) => p.urn).sort());
  });

  it('resumes mid-comments, whatever order comments come in', async () => {
    const reversed = await FakeLinkedInServer.start({
      clock,
      accessToken: TOKEN,
      commentOrder: 'reverse_chronological',
    });
    try {
      for (const server of [fake, reversed]) {
        const organization = server.addOrganization();
        const post = server.addPost(organization.urn, { createdAt: clock.now() - HOUR });
        const comments = [1, 2, 3, 4, 5].map((i) =>
          server.addComment(post.urn, { createdAt: clock.now() - (30 - i) * MINUTE }),
        );
        const c = new LinkedInOrgConnector({
          baseUrl: server.baseUrl,
          token: TOKEN,
          timeoutMs: 5_000,
          now: () => clock.date(),
        });
        const crashed = await drainConnector(c, source({}, organization.urn), null, { maxPages: 2 });
        assert.equal((crashed.cursor as { poll: { phase: string } }).poll.phase, 'comments');
        const added = server.addComment(post.urn, { createdAt: clock.now() });
        const rest = await drainConnector(c, source({}, organization.urn), crashed.cursor);
        const next = await drainConnector(c, source({}, organization.urn), rest.cursor);
        const all = [...crashed.posts, ...rest.posts, ...next.posts].map((p) => p.externalId);
        assert.equal(new Set(all).size, all.length, 'no duplicates');
        assert.deepEqual([...all].sort(), [post.urn, ...comments.map((x) => x.urn), added.urn].sort());
      }
    } finally {
      await reversed.close();
    }
  });

  it('strips mention markup and builds the feed URL', async () => {
    const post = fake.addPost(org.urn, {
      commentary: 'Our take on the new @[Anthropic](urn:li:organization:10000001) update \\(v2\\) {hashtag|\\#|AI}',
      createdAt: clock.now() - MINUTE,
    });
    const { posts } = await drainConnector(connector(), source({ comments: false }), null);
    assert.equal(posts[0].text, 'Our take on the new Anthropic update (v2) #AI');
    assert.equal(posts[0].url, `https://www.linkedin.com/feed/update/${post.urn}/`);
    assert.equal(posts[0].authorId, org.urn);
    assert.equal(posts[0].createdAt.getTime(), post.publishedAt);
    assert.equal(commentaryToText('Thanks @[Jane \\[PhD\\]](urn:li:person:abc123)!'), 'Thanks Jane [PhD]!');
  });

  it('maps the daily 429 to SourceQuotaExceededError until midnight UTC', async () => {
    clock.set(Date.UTC(2026, 7, 20, 18, 30, 0));
    fake.addPost(org.urn, { createdAt: clock.now() - MINUTE });
    fake.exhaustDailyLimit();
    const error = await rejection(connector().fetchPage(source(), null));
    assert.ok(error instanceof SourceQuotaExceededError);
    assert.equal(error.resumeAt.toISOString(), '2026-08-21T00:00:00.000Z');
    assert.equal(fake.requests.at(-1)!.status, 429);
    clock.set(error.resumeAt);
    const after = await connector().fetchPage(source(), null);
    assert.equal(after.posts.length, 1);
  });

  it('counts a daily limit per UTC day', async () => {
    const limited = await FakeLinkedInServer.start({ clock, accessToken: TOKEN, dailyLimit: 2 });
    try {
      const organization = limited.addOrganization();
      const c = new LinkedInOrgConnector({
        baseUrl: limited.baseUrl,
        token: TOKEN,
        timeoutMs: 5_000,
        now: () => clock.date(),
      });
      const target = source({ comments: false }, organization.urn);
      await c.fetchPage(target, null);
      await c.fetchPage(target, null);
      await assert.rejects(c.fetchPage(target, null), SourceQuotaExceededError);
      clock.advance(24 * HOUR);
      await c.fetchPage(target, null);
    } finally {
      await limited.close();
    }
  });

  it('maps 401 to AuthFailedError and explains 403 ACCESS_DENIED for organizations the member does not administer', async () => {
    fake.failNext({ kind: 'token-expired' });
    const expired = await rejection(connector().fetchPage(source(), null));
    assert.ok(expired instanceof AuthFailedError);
    assert.match(expired.message, /EXPIRED_ACCESS_TOKEN.*65600/);
    fake.failNext({ kind: 'token-revoked' });
    assert.match((await rejection(connector().fetchPage(source(), null))).message, /65601/);

    const stranger = fake.addOrganization({ name: 'OpenAI', administered: false });
    const denied = await rejection(connector().fetchPage(source({}, stranger.urn), null));
    assert.ok(denied instanceof AuthFailedError);
    assert.match(denied.message, /ACCESS_DENIED/);
    assert.match(denied.message, /must administer this organization/);

    const wrong = new LinkedInOrgConnector({ baseUrl: fake.baseUrl, token: 'wrong-linkedin-token', timeoutMs: 5_000 });
    const invalid = await rejection(wrong.fetchPage(source(), null));
    assert.ok(invalid instanceof AuthFailedError);
    assert.doesNotMatch(invalid.message, /wrong-linkedin-token/);
  });

  it('maps an inactive LinkedIn-Version (426) to InvalidSourceError naming the version', async () => {
    const error = await rejection(connector(5_000, '202401').fetchPage(source(), null));
    assert.ok(error instanceof InvalidSourceError);
    assert.match(error.message, /202401.*not active/);
  });

  it('maps 5xx and timeouts to TransientPlatformError', async () => {
    fake.failNext({ kind: 'server-error', status: 503 });
    assert.ok((await rejection(connector().fetchPage(source(), null))) instanceof TransientPlatformError);
    fake.failNext({ kind: 'slow' });
    assert.ok((await rejection(connector(50).fetchPage(source(), null))) instanceof TransientPlatformError);
  });

  it('names the offending field of a malformed payload', async () => {
    const post = fake.addPost(org.urn, { createdAt: clock.now() - 2 * MINUTE });
    fake.addPost(org.urn, { createdAt: clock.now() - MINUTE });
    fake.failNext({ kind: 'malformed', index: 1, field: 'createdAt' });
    const badTime = await rejection(connector().fetchPage(source(), null));
    assert.ok(badTime instanceof MalformedPayloadError);
    assert.equal(badTime.field, 'elements[1].createdAt');
    fake.failNext({ kind: 'malformed', field: 'elements' });
    assert.equal(((await rejection(connector().fetchPage(source(), null))) as MalformedPayloadError).field, 'elements');
    fake.failNext({ kind: 'invalid-json' });
    assert.equal(((await rejection(connector().fetchPage(source(), null))) as MalformedPayloadError).field, '(body)');

    fake.addComment(post.urn, { createdAt: clock.now() });
    const feed = await connector().fetchPage(source(), null);
    fake.failNext(
      { kind: 'malformed', index: 0, field: 'created' },
      {
        when: (request) => request.path === `/rest/socialActions/${encodeURIComponent(post.urn)}/comments`,
      },
    );
    const comments = await rejection(drainConnector(connector(), source(), feed.cursor));
    assert.equal((comments as MalformedPayloadError).field, 'elements[0].created');
  });

  it('stops following comments of a deleted post', async () => {
    const post = fake.addPost(org.urn, { createdAt: clock.now() - MINUTE });
    const first = await drainConnector(connector(), source(), null);
    fake.removePost(post.urn);
    const second = await drainConnector(connector(), source(), first.cursor);
    assert.match(second.warnings.join('\n'), /stopped following comments/);
    assert.deepEqual((second.cursor as { tracked: unknown[] }).tracked, []);
  });

  it('rejects a target that is not an organization URN before calling LinkedIn', async () => {
    await assert.rejects(connector().fetchPage(source({}, 'urn:li:person:abc'), null), InvalidSourceError);
    assert.equal(fake.requests.length, 0);
    const numeric = await connector().fetchPage(source({}, org.id), null);
    assert.equal(numeric.hasMore, false);
    assert.equal(fake.requests[0].query.author, org.urn);
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
