import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from './fake-clock';
import { FakeXServer } from './fake-x-server';
import { X_EPOCH_MS } from './snowflake-ids';

type Json = Record<string, unknown> & { data?: Record<string, unknown>[]; meta?: Record<string, unknown> };

describe('FakeXServer wire format', () => {
  const clock = new ManualClock();
  let fake: FakeXServer;
  const get = async (query: string, token: string | null = fake.bearerToken, path = '/2/tweets/search/recent') => {
    const response = await fetch(`${fake.baseUrl}${path}?${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
  };

  before(async () => {
    fake = await FakeXServer.start({ clock });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.clearFailures();
    clock.advance(3_600_000);
  });

  it('mints snowflake ids that encode the creation time', () => {
    const at = clock.now() - 5_000;
    const post = fake.addPost({ text: 'snowflake', createdAt: at });
    assert.match(post.id, /^\d{19}$/);
    assert.equal(Number(BigInt(post.id) >> 22n) + X_EPOCH_MS, at);
  });

  it('returns only default fields unless asked, users only with expansions=author_id', async () => {
    fake.addPost({ text: 'defaults check', createdAt: clock.now() - 60_000 });
    const plain = await get('query=defaults&max_results=10');
    assert.deepEqual(Object.keys(plain.body.data![0]).sort(), ['edit_history_tweet_ids', 'id', 'text']);
    assert.equal(plain.body.includes, undefined);
    const rich = await get(
      'query=defaults&tweet.fields=created_at,public_metrics&expansions=author_id&user.fields=verified',
    );
    assert.match(String(rich.body.data![0].created_at), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    assert.ok(rich.body.data![0].public_metrics);
    const users = (rich.body.includes as { users: Record<string, unknown>[] }).users;
    assert.deepEqual(Object.keys(users[0]).sort(), ['id', 'name', 'username', 'verified']);
    const postFields = await get('query=defaults&post.fields=lang');
    assert.equal(postFields.body.data![0].lang, 'en');
  });

  it('sends x-rate-limit headers on every response and can enforce them', async () => {
    const ok = await get('query=anything');
    assert.equal(ok.headers.get('x-rate-limit-limit'), '450');
    assert.ok(Number(ok.headers.get('x-rate-limit-reset')) > clock.now() / 1000);
    const unauthorized = await get('query=anything', null);
    assert.equal(unauthorized.status, 401);
    assert.deepEqual(unauthorized.body, {
      title: 'Unauthorized',
      type: 'about:blank',
      status: 401,
      detail: 'Unauthorized',
    });
    assert.ok(unauthorized.headers.get('x-rate-limit-remaining'));

    const strict = await FakeXServer.start({ clock, rateLimit: { recent: 2, enforce: true } });
    try {
      const call = () =>
        fetch(`${strict.baseUrl}/2/tweets/search/recent?query=a`, {
          headers: { authorization: `Bearer ${strict.bearerToken}` },
        });
      assert.equal((await call()).status, 200);
      assert.equal((await call()).status, 200);
      const limited = await call();
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('x-rate-limit-remaining'), '0');
      clock.advance(15 * 60_000);
      assert.equal((await call()).status, 200);
    } finally {
      await strict.close();
    }
  });

  it('validates parameters with invalid-request problems', async () => {
    const small = await get('query=a&max_results=5');
    assert.equal(small.status, 400);
    assert.equal(small.body.type, 'https://api.twitter.com/2/problems/invalid-request');
    assert.deepEqual(small.body.errors, [
      {
        parameters: { max_results: ['5'] },
        message: 'The `max_results` query parameter value [5] is not between 10 and 100',
      },
    ]);
    assert.equal((await get('query=a&max_results=500', fake.bearerToken, '/2/tweets/search/all')).status, 200);
    assert.equal((await get('query=a&max_results=501', fake.bearerToken, '/2/tweets/search/all')).status, 400);
    assert.equal((await get('max_results=10')).status, 400);
    assert.equal((await get('query=a&bogus=1')).status, 400);
    assert.equal(
      (await get(`query=a&since_id=1&start_time=${new Date(clock.now() - 60_000).toISOString()}`)).status,
      400,
    );
    assert.equal((await get('query=a&tweet.fields=nonsense')).status, 400);
    assert.equal((await get('query=a&next_token=made-up')).status, 400);
  });

  it('issues opaque next_tokens that return the same page when reused, with new posts not shifting pages', async () => {
    const ids = fake.addPosts(25, { make: (i) => ({ text: `tokens ${i}` }) });
    const first = await get('query=tokens&max_results=10');
    const token = String(first.body.meta!.next_token);
    assert.ok(!ids.includes(token) && !/^\d+$/.test(token));
    fake.addPost({ text: 'tokens newer' });
    const again = await get(`query=tokens&max_results=10&next_token=${token}`);
    const reused = await get(`query=tokens&max_results=10&next_token=${token}`);
    assert.deepEqual(again.body, reused.body);
    assert.deepEqual(
      again.body.data!.map((post) => post.id),
      ids.slice(5, 15).reverse(),
    );
    assert.equal((await get(`query=other&max_results=10&next_token=${token}`)).status, 400);
  });

  it('honours since_id and until_id exclusively and omits data when empty', async () => {
    const ids = fake.addPosts(5, { make: (i) => ({ text: `bounds ${i}` }) });
    const between = await get(`query=bounds&since_id=${ids[0]}&until_id=${ids[4]}`);
    assert.deepEqual(
      between.body.data!.map((post) => post.id),
      [ids[3], ids[2], ids[1]],
    );
    assert.deepEqual(await get(`query=bounds&since_id=${ids[4]}`).then((r) => r.body), { meta: { result_count: 0 } });
  });

  it('applies the documented default window: recent search ends 30 s ago without since_id', async () => {
    const fresh = fake.addPost({ text: 'lagging post' });
    assert.deepEqual((await get('query=lagging')).body, { meta: { result_count: 0 } });
    clock.advance(31_000);
    assert.equal((await get('query=lagging')).body.data![0].id, fresh.id);
    const old = fake.addPost({ text: 'ancient post', createdAt: clock.now() - 8 * 86_400_000 });
    assert.deepEqual((await get('query=ancient')).body, { meta: { result_count: 0 } });
    assert.equal((await get('query=ancient', fake.bearerToken, '/2/tweets/search/all')).body.data![0].id, old.id);
    const stale = await get(`query=ancient&since_id=${old.id}`);
    assert.equal(stale.status, 400);
    assert.deepEqual(Object.keys((stale.body.errors as { parameters: object }[])[0].parameters), ['since_id']);
  });

  it('switches failure modes, once or always, optionally by request', async () => {
    fake.failNext({ kind: 'usage-capped' }, { times: 2 });
    assert.equal((await get('query=a')).body.type, 'https://api.twitter.com/2/problems/usage-capped');
    assert.equal((await get('query=a')).status, 429);
    assert.equal((await get('query=a')).status, 200);
    fake.failAlways({ kind: 'server-error' }, { when: (request) => request.path.endsWith('/all') });
    assert.equal((await get('query=a', fake.bearerToken, '/2/tweets/search/all')).status, 503);
    assert.equal((await get('query=a')).status, 200);
    fake.clearFailures();
    assert.equal((await get('query=a', fake.bearerToken, '/2/tweets/search/all')).status, 200);
    const logged = fake.requests.at(-1)!;
    assert.equal(logged.path, '/2/tweets/search/all');
    assert.equal(logged.query.query, 'a');
    assert.equal(logged.status, 200);
  });
});
