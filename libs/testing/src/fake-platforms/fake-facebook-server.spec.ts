import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from './fake-clock';
import { FakeFacebookServer, type FakeFacebookPage } from './fake-facebook-server';

type Json = Record<string, unknown> & {
  data?: Record<string, unknown>[];
  paging?: Record<string, unknown>;
  error?: Record<string, unknown>;
};

describe('FakeFacebookServer wire format', () => {
  const clock = new ManualClock();
  let fake: FakeFacebookServer;
  let page: FakeFacebookPage;
  const FIELDS =
    'id,message,created_time,permalink_url,from,shares,reactions.summary(total_count).limit(0),comments.summary(true).limit(0)';
  const get = async (pathAndQuery: string, auth: 'query' | 'bearer' | 'none' = 'query') => {
    const separator = pathAndQuery.includes('?') ? '&' : '?';
    const url = `${fake.baseUrl}${pathAndQuery}${auth === 'query' ? `${separator}access_token=${fake.accessToken}` : ''}`;
    const response = await fetch(url, {
      headers: auth === 'bearer' ? { authorization: `Bearer ${fake.accessToken}` } : {},
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
  };

  before(async () => {
    fake = await FakeFacebookServer.start({ clock });
    page = fake.addPage({ id: '104958162837', name: 'AI Policy Forum' });
  });
  after(() => fake.close());

  it('renders requested fields with summaries, +0000 times and no shares key when there are none', async () => {
    const shared = fake.addPost(page.id, {
      message: 'shared',
      shares: 14,
      reactions: 231,
      createdAt: clock.now() - 120_000,
    });
    const quiet = fake.addPost(page.id, { message: 'quiet', createdAt: clock.now() - 60_000 });
    fake.addComment(shared.id, {});
    const { body, headers } = await get(
      `/v25.0/${page.id}/posts?fields=${encodeURIComponent(FIELDS)}&limit=10`,
      'bearer',
    );
    const [first, second] = body.data!;
    assert.equal(first.id, quiet.id);
    assert.equal(first.shares, undefined);
    assert.match(String(second.created_time), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/);
    assert.deepEqual(second.shares, { count: 14 });
    assert.deepEqual(second.reactions, { data: [], summary: { total_count: 231, viewer_reaction: 'NONE' } });
    assert.deepEqual(second.comments, { data: [], summary: { order: 'ranked', total_count: 1, can_comment: true } });
    assert.equal(second.permalink_url, `https://www.facebook.com/${page.id}/posts/${shared.id.split('_')[1]}`);
    assert.ok(JSON.parse(headers.get('x-app-usage')!).call_count >= 0);
    assert.ok(headers.get('x-business-use-case-usage'));
  });

  it('pages with opaque cursors and absolute next URLs back to itself, and stops without next', async () => {
    const other = fake.addPage();
    const posts = [4, 3, 2, 1].map((m) => fake.addPost(other.id, { createdAt: clock.now() - m * 60_000 }));
    const first = await get(`/v25.0/${other.id}/posts?limit=3`);
    assert.equal(first.body.data!.length, 3);
    const next = String(first.body.paging!.next);
    assert.ok(next.startsWith(`${fake.baseUrl}/v25.0/${other.id}/posts?`));
    assert.ok(new URL(next).searchParams.get('access_token'));
    const second = (await (await fetch(next)).json()) as Json;
    assert.deepEqual(
      second.data!.map((post) => post.id),
      [posts[0].id],
    );
    assert.equal(second.paging!.next, undefined);
    assert.ok((second.paging!.cursors as Record<string, string>).after);
  });

  it('validates the version path, the token, limit and field names', async () => {
    assert.equal((await get(`/${page.id}/posts`)).status, 400);
    assert.equal((await get(`/v26.0/${page.id}/posts`)).status, 200);
    assert.equal((await get(`/v25.0/${page.id}/posts`, 'none')).status, 400);
    assert.equal((await get(`/v25.0/${page.id}/posts?limit=101`)).body.error!.code, 100);
    const bad = await get(`/v25.0/${page.id}/posts?fields=impressions`);
    assert.equal(
      bad.body.error!.message,
      '(#100) Tried accessing nonexisting field (impressions) on node type (PagePost)',
    );
    assert.equal((await get('/v25.0/999/posts')).body.error!.code, 100);
  });

  it('separates /posts from /feed and top-level comments from the stream', async () => {
    const other = fake.addPage();
    const own = fake.addPost(other.id, {});
    const visitor = fake.addPost(other.id, { from: { name: 'Visitor', id: '42' } });
    assert.deepEqual(
      (await get(`/v25.0/${other.id}/posts`)).body.data!.map((p) => p.id),
      [own.id],
    );
    assert.equal((await get(`/v25.0/${other.id}/feed`)).body.data!.length, 2);
    const top = fake.addComment(visitor.id, { createdAt: clock.now() - 1000 });
    const reply = fake.addComment(visitor.id, { replyTo: top.id });
    const toplevel = await get(`/v25.0/${visitor.id}/comments?summary=true`);
    assert.deepEqual(
      toplevel.body.data!.map((c) => c.id),
      [top.id],
    );
    assert.equal((toplevel.body.summary as Record<string, unknown>).total_count, 1);
    const stream = await get(`/v25.0/${visitor.id}/comments?filter=stream`);
    assert.deepEqual(
      stream.body.data!.map((c) => c.id),
      [top.id, reply.id],
    );
    const replies = await get(`/v25.0/${top.id}/comments`);
    assert.deepEqual(
      replies.body.data!.map((c) => c.id),
      [reply.id],
    );
  });

  it('throttles with the documented codes, statuses and usage headers', async () => {
    fake.failNext({ kind: 'throttled', code: 80001 });
    const buc = await get(`/v25.0/${page.id}/posts`);
    assert.equal(buc.status, 400);
    assert.equal(buc.body.error!.code, 80001);
    const usage = JSON.parse(buc.headers.get('x-business-use-case-usage')!) as Record<
      string,
      { estimated_time_to_regain_access: number }[]
    >;
    assert.equal(usage[page.id][0].estimated_time_to_regain_access, 19);
    fake.failNext({ kind: 'throttled', code: 4 });
    const app = await get(`/v25.0/${page.id}/posts`);
    assert.equal(app.status, 403);
    assert.equal(app.body.error!.is_transient, true);
    assert.equal(JSON.parse(app.headers.get('x-app-usage')!).call_count, 100);
  });
});
