import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { drainConnector, FakeFacebookServer, ManualClock, type FakeFacebookPage } from '@labpulse/testing';
import {
  AuthFailedError,
  MalformedPayloadError,
  PlatformRateLimitedError,
  TransientPlatformError,
  InvalidSourceError,
} from '../connector-errors';
import type { SourceTarget } from '../source-connector';
import { FacebookPageConnector } from './facebook-page.connector';

const MINUTE = 60_000;
const TOKEN = 'EAAB-fb-secret-token';

describe('FacebookPageConnector against FakeFacebookServer', () => {
  const clock = new ManualClock();
  let fake: FakeFacebookServer;
  let page: FakeFacebookPage;
  const connector = (timeoutMs = 5_000): FacebookPageConnector =>
    new FacebookPageConnector({
      baseUrl: fake.baseUrl,
      token: TOKEN,
      version: 'v25.0',
      timeoutMs,
      now: () => clock.date(),
    });
  const source = (options: Record<string, unknown> = {}): SourceTarget => ({
    kind: 'facebook_page',
    target: page.id,
    options: { pageSize: 2, commentPageSize: 2, ...options },
  });
  const ids = (posts: readonly { externalId: string }[]): string[] => posts.map((post) => post.externalId).sort();

  before(async () => {
    fake = await FakeFacebookServer.start({ clock, accessToken: TOKEN });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.clearFailures();
    fake.clearRequests();
    clock.advance(3_600_000);
    page = fake.addPage({ name: 'AI Policy Forum' });
  });

  it('pages through the feed and the comments of recent posts, each item exactly once', async () => {
    const posts = [5, 4, 3, 2, 1].map((hoursAgo) =>
      fake.addPost(page.id, { message: `post ${hoursAgo}`, createdAt: clock.now() - hoursAgo * 3_600_000 }),
    );
    const comments = [1, 2, 3].map((i) =>
      fake.addComment(posts[4].id, { message: `comment ${i}`, createdAt: clock.now() - (10 - i) * MINUTE }),
    );
    const reply = fake.addComment(posts[4].id, {
      message: 'a reply',
      replyTo: comments[0].id,
      createdAt: clock.now() - MINUTE,
    });

    const first = await drainConnector(connector(), source(), null);
    assert.deepEqual(ids(first.posts), [...posts.map((p) => p.id), ...comments.map((c) => c.id)].sort());
    assert.ok(!first.posts.some((post) => post.externalId === reply.id), 'replies are not top-level comments');
    // 3 feed pages of 2, then 5 tracked posts: one comments page each, two for the one with 3 comments.
    assert.equal(first.pages.length, 3 + 6);
    const comment = first.posts.find((post) => post.externalId === comments[0].id)!;
    assert.equal(comment.parentExternalId, posts[4].id);
    assert.equal(comment.text, 'comment 1');
    // Graph's permalink_url of the comment: its post's link with comment_id.
    const [pageId, postId] = posts[4]!.id.split('_');
    assert.equal(
      comment.url,
      `https://www.facebook.com/${pageId}/posts/${postId}?comment_id=${comments[0]!.id.split('_')[1]}`,
    );

    // The next URL was followed as given, with the token, and never stored in the cursor.
    const feedRequests = fake.requests.filter((request) => request.path.endsWith('/posts'));
    assert.equal(feedRequests.length, 3);
    assert.ok(feedRequests.slice(1).every((request) => request.query.after && request.query.access_token === TOKEN));
    assert.ok(!JSON.stringify(first.pages.map((p) => p.cursor)).includes(TOKEN));

    // Second poll: only the new post and the new comment on an older post.
    const fresh = fake.addPost(page.id, { message: 'fresh', createdAt: clock.now() });
    const late = fake.addComment(posts[2].id, { message: 'late comment', createdAt: clock.now() });
    const second = await drainConnector(connector(), source(), first.cursor);
    assert.deepEqual(ids(second.posts), [fresh.id, late.id].sort());
    const third = await drainConnector(connector(), source(), second.cursor);
    assert.deepEqual(third.posts, []);
  });

  it('returns nothing for an empty page and ends the poll', async () => {
    const result = await drainConnector(connector(), source(), null);
    assert.deepEqual(result.posts, []);
    assert.equal(result.pages.length, 1);
    assert.equal(result.finished, true);
  });

  it('keeps paging past an empty page that still has a next link', async () => {
    const posts = [3, 2, 1].map((h) => fake.addPost(page.id, { createdAt: clock.now() - h * 3_600_000 }));
    fake.failNext(
      { kind: 'empty-page-with-next' },
      { when: (request) => request.path.endsWith('/posts') && request.query.has('after') },
    );
    const result = await drainConnector(connector(), source({ comments: false }), null);
    assert.deepEqual(ids(result.posts), posts.map((p) => p.id).sort());
    assert.ok(result.pages.some((p) => p.posts.length === 0 && p.hasMore));
  });

  it('resumes from a stored cursor mid-feed and mid-comments after a restart', async () => {
    const posts = [6, 5, 4, 3, 2].map((h) => fake.addPost(page.id, { createdAt: clock.now() - h * 3_600_000 }));
    const comments = [1, 2, 3, 4, 5].map((i) =>
      fake.addComment(posts[0].id, { createdAt: clock.now() - (20 - i) * MINUTE }),
    );
    const all = [...posts.map((p) => p.id), ...comments.map((c) => c.id)].sort();

    const crashedInFeed = await drainConnector(connector(), source(), null, { maxPages: 2 });
    assert.equal((crashedInFeed.cursor as { poll: { phase: string } }).poll.phase, 'posts');
    const rest1 = await drainConnector(connector(), source(), crashedInFeed.cursor);
    assert.deepEqual(ids([...crashedInFeed.posts, ...rest1.posts]), all);

    // The same again, crashing inside the comments of the post with several comment pages.
    const other = fake.addPage();
    const otherPosts = [2, 1].map((h) => fake.addPost(other.id, { createdAt: clock.now() - h * 3_600_000 }));
    const otherComments = [1, 2, 3, 4, 5].map((i) =>
      fake.addComment(otherPosts[0].id, { createdAt: clock.now() - (20 - i) * MINUTE }),
    );
    const otherSource = { ...source(), target: other.id };
    // Feed page, comments of the newer post (none), first comments page of the older one.
    const crashedInComments = await drainConnector(connector(), otherSource, null, { maxPages: 3 });
    const state = crashedInComments.cursor as { poll: { phase: string; next: string | null } };
    assert.equal(state.poll.phase, 'comments');
    assert.ok(state.poll.next, 'mid-scan of a post with more comment pages');
    const added = fake.addComment(otherPosts[0].id, { createdAt: clock.now() });
    const rest2 = await drainConnector(connector(), otherSource, crashedInComments.cursor);
    const collected = ids([...crashedInComments.posts, ...rest2.posts]);
    assert.equal(new Set(collected).size, collected.length, 'no duplicates');
    for (const id of [...otherPosts.map((p) => p.id), ...otherComments.map((c) => c.id)])
      assert.ok(collected.includes(id));
    // The comment posted during the crash is either in this poll or the next, never lost.
    const next = await drainConnector(connector(), otherSource, rest2.cursor);
    assert.equal([...collected, ...ids(next.posts)].filter((id) => id === added.id).length, 1);
  });

  it('returns a post published in the same second as the newest stored one', async () => {
    const at = clock.now() - 5 * MINUTE;
    const firstPost = fake.addPost(page.id, { createdAt: at });
    const first = await drainConnector(connector(), source({ comments: false }), null);
    assert.deepEqual(ids(first.posts), [firstPost.id]);
    const twin = fake.addPost(page.id, { createdAt: at + 400 });
    const second = await drainConnector(connector(), source({ comments: false }), first.cursor);
    assert.deepEqual(ids(second.posts), [twin.id]);
  });

  it('normalises engagement, skips text-less posts but still follows their comments', async () => {
    const shared = fake.addPost(page.id, {
      message: 'We host a Q&A',
      shares: 14,
      reactions: 231,
      createdAt: clock.now() - 3 * MINUTE,
    });
    const photo = fake.addPost(page.id, {
      message: null,
      statusType: 'added_photos',
      createdAt: clock.now() - 2 * MINUTE,
    });
    const story = fake.addPost(page.id, {
      story: 'AI Policy Forum updated their cover photo.',
      createdAt: clock.now() - MINUTE,
    });
    fake.addComment(shared.id, { createdAt: clock.now() - MINUTE });
    const onPhoto = fake.addComment(photo.id, {
      message: 'nice photo of the OpenAI office',
      likeCount: 6,
      createdAt: clock.now(),
    });
    const { posts } = await drainConnector(connector(), source(), null);
    const mapped = posts.find((post) => post.externalId === shared.id)!;
    assert.deepEqual(mapped.engagement, { likes: 231, comments: 1, shares: 14, quotes: null, impressions: null });
    assert.equal(mapped.url, `https://www.facebook.com/${page.id}/posts/${shared.id.split('_')[1]}`);
    assert.equal(mapped.authorName, 'AI Policy Forum');
    assert.equal(
      posts.find((post) => post.externalId === story.id)!.text,
      'AI Policy Forum updated their cover photo.',
    );
    assert.ok(!posts.some((post) => post.externalId === photo.id));
    const comment = posts.find((post) => post.externalId === onPhoto.id)!;
    assert.equal(comment.engagement.likes, 6);
    assert.equal(comment.parentExternalId, photo.id);
  });

  it('rescans once when a stored paging cursor has expired, repeating and losing nothing', async () => {
    const posts = [5, 4, 3, 2, 1].map((h) => fake.addPost(page.id, { createdAt: clock.now() - h * 3_600_000 }));
    const crashed = await drainConnector(connector(), source({ comments: false }), null, { maxPages: 1 });
    fake.expireCursors();
    const arrived = fake.addPost(page.id, { createdAt: clock.now() });
    const rest = await drainConnector(connector(), source({ comments: false }), crashed.cursor);
    assert.match(rest.warnings.join('\n'), /rescanning from the first page/);
    const collected = [...crashed.posts, ...rest.posts].map((post) => post.externalId);
    assert.deepEqual([...collected].sort(), [...posts.map((p) => p.id), arrived.id].sort());
  });

  it('stops following comments of a deleted post', async () => {
    const post = fake.addPost(page.id, { createdAt: clock.now() - MINUTE });
    const first = await drainConnector(connector(), source(), null);
    fake.removePost(post.id);
    const second = await drainConnector(connector(), source(), first.cursor);
    assert.match(second.warnings.join('\n'), /stopped following comments/);
    assert.deepEqual((second.cursor as { tracked: unknown[] }).tracked, []);
  });

  it('skips comments whose ids are withheld (Page Public Content Access) with a warning', async () => {
    const ppca = await FakeFacebookServer.start({ clock, accessToken: TOKEN, withholdCommentIds: true });
    try {
      const other = ppca.addPage();
      const post = ppca.addPost(other.id, { createdAt: clock.now() - MINUTE });
      ppca.addComment(post.id, { createdAt: clock.now() });
      const c = new FacebookPageConnector({
        baseUrl: ppca.baseUrl,
        token: TOKEN,
        timeoutMs: 5_000,
        now: () => clock.date(),
      });
      const result = await drainConnector(c, { kind: 'facebook_page', target: other.id, options: {} }, null);
      assert.deepEqual(ids(result.posts), [post.id]);
      assert.match(result.warnings.join('\n'), /without ids/);
    } finally {
      await ppca.close();
    }
  });

  for (const [code, status] of [
    [4, 403],
    [17, 400],
    [32, 400],
    [613, 400],
    [4, 400],
    [80001, 403],
  ] as const) {
    it(`maps throttling code ${code} on a ${status} to PlatformRateLimitedError`, async () => {
      fake.failNext({ kind: 'throttled', code, status });
      const error = await rejection(connector().fetchPage(source(), null));
      assert.ok(error instanceof PlatformRateLimitedError, String(error));
      // 80001 carries estimated_time_to_regain_access (19 min by default); the others fall back to 15 min.
      const minutes = code === 80001 ? 19 : 15;
      assert.equal(error.resetAt.getTime(), clock.now() + minutes * MINUTE);
      assert.match(error.message, new RegExp(`code ${code}`));
    });
  }

  it('uses estimated_time_to_regain_access when a throttle reports it', async () => {
    fake.failNext({ kind: 'throttled', code: 32, regainMinutes: 42 });
    const error = await rejection(connector().fetchPage(source(), null));
    assert.ok(error instanceof PlatformRateLimitedError);
    assert.equal(error.resetAt.getTime(), clock.now() + 42 * MINUTE);
  });

  it('maps a throttle during the comments phase the same way, keeping the cursor resumable', async () => {
    const post = fake.addPost(page.id, { createdAt: clock.now() - MINUTE });
    const comment = fake.addComment(post.id, { createdAt: clock.now() });
    const feed = await connector().fetchPage(source(), null);
    fake.failNext({ kind: 'throttled', code: 80001 });
    await assert.rejects(connector().fetchPage(source(), feed.cursor), PlatformRateLimitedError);
    const rest = await drainConnector(connector(), source(), feed.cursor);
    assert.deepEqual(ids(rest.posts), [comment.id]);
  });

  it('maps 190 and permission errors to AuthFailedError without leaking the token', async () => {
    fake.failNext({ kind: 'token-expired' });
    const expired = await rejection(connector().fetchPage(source(), null));
    assert.ok(expired instanceof AuthFailedError);
    assert.match(expired.message, /190\/463/);
    const wrong = new FacebookPageConnector({ baseUrl: fake.baseUrl, token: 'wrong-token-value', timeoutMs: 5_000 });
    const invalid = await rejection(wrong.fetchPage(source(), null));
    assert.ok(invalid instanceof AuthFailedError);
    assert.doesNotMatch(invalid.message, /wrong-token-value/);
    fake.failNext({ kind: 'permission-denied' });
    assert.ok((await rejection(connector().fetchPage(source(), null))) instanceof AuthFailedError);
  });

  it('maps 5xx and timeouts to TransientPlatformError, an unknown page to InvalidSourceError', async () => {
    fake.failNext({ kind: 'server-error', status: 503 });
    assert.ok((await rejection(connector().fetchPage(source(), null))) instanceof TransientPlatformError);
    fake.failNext({ kind: 'slow' });
    assert.ok((await rejection(connector(50).fetchPage(source(), null))) instanceof TransientPlatformError);
    const unknown = await rejection(connector().fetchPage({ ...source(), target: '999999' }, null));
    assert.ok(unknown instanceof InvalidSourceError);
    assert.match(unknown.message, /does not exist/);
  });

  it('names the offending field of a malformed payload', async () => {
    [3, 2, 1].forEach((h) => fake.addPost(page.id, { createdAt: clock.now() - h * MINUTE }));
    fake.failNext({ kind: 'malformed', index: 1, field: 'created_time' });
    const badTime = await rejection(connector().fetchPage(source(), null));
    assert.ok(badTime instanceof MalformedPayloadError);
    assert.equal(badTime.field, 'data[1].created_time');
    fake.failNext({ kind: 'malformed', index: 0, field: 'id' });
    assert.equal(
      ((await rejection(connector().fetchPage(source(), null))) as MalformedPayloadError).field,
      'data[0].id',
    );
    fake.failNext({ kind: 'malformed', field: 'data' });
    assert.equal(((await rejection(connector().fetchPage(source(), null))) as MalformedPayloadError).field, 'data');
    fake.failNext({ kind: 'invalid-json' });
    assert.equal(((await rejection(connector().fetchPage(source(), null))) as MalformedPayloadError).field, '(body)');
  });

  it('reports the usage headers of a successful page', async () => {
    const result = await connector().fetchPage(source(), null);
    assert.equal(typeof result.rateLimit?.usagePercent, 'number');
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
