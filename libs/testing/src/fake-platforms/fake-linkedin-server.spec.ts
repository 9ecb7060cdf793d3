import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from './fake-clock';
import { FakeLinkedInServer, type FakeLinkedInOrganization } from './fake-linkedin-server';

type Json = Record<string, unknown> & { elements?: Record<string, unknown>[]; paging?: Record<string, unknown> };

describe('FakeLinkedInServer wire format', () => {
  const clock = new ManualClock(Date.UTC(2026, 7, 20, 12, 0, 0));
  let fake: FakeLinkedInServer;
  let org: FakeLinkedInOrganization;
  const headers = (overrides: Record<string, string | null> = {}): Record<string, string> => {
    const all: Record<string, string | null> = {
      authorization: `Bearer ${fake.accessToken}`,
      'linkedin-version': '202608',
      'x-restli-protocol-version': '2.0.0',
      ...overrides,
    };
    return Object.fromEntries(Object.entries(all).filter((entry): entry is [string, string] => entry[1] !== null));
  };
  const get = async (pathAndQuery: string, overrides: Record<string, string | null> = {}) => {
    const response = await fetch(`${fake.baseUrl}${pathAndQuery}`, { headers: headers(overrides) });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
  };
  const finder = (urn: string, extra = '') => `/rest/posts?author=${encodeURIComponent(urn)}&q=author${extra}`;

  before(async () => {
    fake = await FakeLinkedInServer.start({ clock });
    org = fake.addOrganization({ id: '2414183' });
  });
  after(() => fake.close());

  it('requires LinkedIn-Version, an active version and Rest.li 2.0.0', async () => {
    const missing = await get(finder(org.urn), { 'linkedin-version': null });
    assert.equal(missing.status, 400);
    assert.equal(missing.body.code, 'VERSION_MISSING');
    assert.ok(missing.headers.get('x-restli-gateway-error'));
    const sunset = await get(finder(org.urn), { 'linkedin-version': '202401' });
    assert.deepEqual(sunset.body, {
      status: 426,
      code: 'NONEXISTENT_VERSION',
      message: 'Requested version 20240101 is not active',
    });
    assert.equal((await get(finder(org.urn), { 'linkedin-version': '202609' })).status, 426);
    assert.equal((await get(finder(org.urn), { 'x-restli-protocol-version': null })).status, 400);
    const unauthorized = await get(finder(org.urn), { authorization: 'Bearer nope' });
    assert.deepEqual(unauthorized.body, {
      status: 401,
      serviceErrorCode: 65600,
      code: 'INVALID_ACCESS_TOKEN',
      message: 'Invalid access token',
    });
  });

  it('mints URNs whose number encodes the creation time and pages with start/count and links', async () => {
    const at = clock.now() - 3_600_000;
    const posts = [0, 1, 2].map((i) => fake.addPost(org.urn, { createdAt: at + i * 1000 }));
    assert.equal(Number(BigInt(posts[0].urn.split(':').at(-1)!) >> 22n), at);
    const first = await get(finder(org.urn, '&count=2&start=0&sortBy=CREATED'));
    assert.deepEqual(
      first.body.elements!.map((post) => post.id),
      [posts[2].urn, posts[1].urn],
    );
    const links = first.body.paging!.links as { rel: string; href: string }[];
    assert.deepEqual(
      links.map((link) => link.rel),
      ['next'],
    );
    const last = await get(links[0].href);
    assert.deepEqual(
      last.body.elements!.map((post) => post.id),
      [posts[0].urn],
    );
    assert.deepEqual(
      (last.body.paging!.links as { rel: string }[]).map((link) => link.rel),
      ['prev'],
    );
    assert.equal(typeof first.body.elements![0].createdAt, 'number');
    assert.equal((await get(finder(org.urn, '&count=101'))).status, 400);
  });

  it('refuses organizations the member does not administer', async () => {
    const other = fake.addOrganization({ administered: false });
    const denied = await get(finder(other.urn));
    assert.equal(denied.status, 403);
    assert.equal(denied.body.code, 'ACCESS_DENIED');
    assert.match(String(denied.body.message), /partnerApiPostsExternal\.FINDER-author\.20260801/);
  });

  it('serves comments, replies and summaries under encoded URNs, and batch gets', async () => {
    const post = fake.addPost(org.urn, { likes: 41 });
    const comment = fake.addComment(post.urn, { text: 'Agreed', likes: 3 });
    const reply = fake.addComment(post.urn, { text: 'Me too', replyTo: comment.urn });
    const comments = await get(`/rest/socialActions/${encodeURIComponent(post.urn)}/comments?start=0&count=10`);
    assert.deepEqual(
      comments.body.elements!.map((c) => c.commentUrn),
      [comment.urn],
    );
    assert.equal(comments.body.elements![0].object, post.activityUrn);
    const replies = await get(`/rest/socialActions/${encodeURIComponent(comment.urn)}/comments`);
    assert.deepEqual(
      replies.body.elements!.map((c) => c.commentUrn),
      [reply.urn],
    );
    const summary = await get(`/rest/socialActions/${encodeURIComponent(post.urn)}`);
    assert.equal((summary.body.likesSummary as Record<string, number>).totalLikes, 41);
    const metadata = await get(`/rest/socialMetadata/${encodeURIComponent(post.urn)}`);
    assert.deepEqual(metadata.body.commentSummary, { count: 1, topLevelCount: 1 });
    const batch = await get(`/rest/posts?ids=List(${encodeURIComponent(post.urn)},urn%3Ali%3Ashare%3A1)`);
    assert.deepEqual(batch.body.statuses, { [post.urn]: 200, 'urn:li:share:1': 404 });
  });

  it('answers 429 without headers until midnight UTC once the daily limit is used up', async () => {
    fake.exhaustDailyLimit();
    const limited = await get(finder(org.urn));
    assert.equal(limited.status, 429);
    assert.equal(limited.body.serviceErrorCode, 101);
    assert.equal(limited.headers.get('retry-after'), null);
    assert.ok(![...limited.headers.keys()].some((name) => name.includes('rate')));
    clock.set(Date.UTC(2026, 7, 21, 0, 0, 0));
    assert.equal((await get(finder(org.urn))).status, 200);
  });
});
