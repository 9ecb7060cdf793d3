import { FakePlatformServer } from './fake-platform-server';
import { randomBytes, randomInt } from 'node:crypto';
import { systemClock, type FakeClock } from './fake-clock';
import { type FakeRequest, type FakeResponse } from './fake-http-server';
import { GraphFieldsSyntaxError, parseGraphFields, type GraphField } from './graph-fields.parser';
import { OpaqueTokenStore } from './opaque-token.store';
import { compareNumericIds, insertSorted } from './sorted-insert';

/** Ways the fake Graph API can be told to fail (docs/platform-apis.md#facebook-rate-limits, docs/platform-apis.md#facebook-errors). */
export type FakeFacebookFailure =
  /** A throttling error: code 4 (403 by default), 17, 32, 613 or 80001 (400), with usage headers. */
  | { kind: 'throttled'; code: 4 | 17 | 32 | 613 | 80001; status?: 400 | 403; regainMinutes?: number }
  /** 190 / 463, "Session has expired" (docs/platform-apis.md#facebook-errors). */
  | { kind: 'token-expired' }
  | { kind: 'token-invalid' }
  /** (#10) missing permission / Page Public Content Access. */
  | { kind: 'permission-denied' }
  | { kind: 'server-error'; status?: 500 | 503 }
  /** A 200 whose data[index] lacks `field` (or `data` is not an array). */
  | { kind: 'malformed'; index?: number; field?: 'created_time' | 'id' | 'data' }
  | { kind: 'invalid-json' }
  /** `{"data":[],"paging":{..."next"}}`: an empty page that is not the end (docs/platform-apis.md#facebook-paging). */
  | { kind: 'empty-page-with-next' }
  /** (#100) the after cursor is no longer valid. */
  | { kind: 'cursor-expired' }
  | { kind: 'slow'; delayMs?: number };

export interface FakeFacebookPage {
  readonly id: string;
  readonly name: string;
}

export interface FakeFacebookPost {
  readonly id: string;
  readonly pageId: string;
  readonly message: string | undefined;
  readonly story: string | undefined;
  /** Whole seconds, as Graph reports them. */
  readonly createdAtMs: number;
  readonly statusType: string;
  readonly shares: number;
  readonly reactions: number;
  readonly published: boolean;
  readonly from: { name: string; id: string };
}

export interface FakeFacebookComment {
  readonly id: string;
  readonly postId: string;
  readonly parentCommentId: string | undefined;
  readonly message: string | undefined;
  readonly createdAtMs: number;
  readonly likeCount: number;
  readonly from: { name: string; id: string };
}

export interface FakeFacebookPostInput {
  /** Default: a generated text (unless `story` is given); null for a post without text (e.g. a photo). */
  message?: string | null;
  story?: string;
  createdAt?: Date | number;
  statusType?: string;
  shares?: number;
  reactions?: number;
  /** Unpublished posts show on /feed only. */
  published?: boolean;
  /** Default: the page itself; set for visitor posts on /feed. */
  from?: { name: string; id: string };
}

export interface FakeFacebookCommentInput {
  message?: string;
  createdAt?: Date | number;
  likeCount?: number;
  from?: { name: string; id: string };
  /** Makes this a reply, which `filter=toplevel` (the default) leaves out. */
  replyTo?: string;
}

export interface FakeFacebookServerOptions {
  accessToken?: string;
  clock?: FakeClock;
  /** Graph calls per rolling hour that x-app-usage reports as 100% (default 1000). */
  callsPerHour?: number;
  /** Throttle with #4 once usage reaches 100% (default false: only report it). */
  enforceUsage?: boolean;
  /** Leave out comment ids, as for apps using Page Public Content Access (docs/platform-apis.md#facebook-comments). */
  withholdCommentIds?: boolean;
}

type Position = { at: number; id: string } | null;
const POST_FIELDS = new Set([
  'id',
  'message',
  'story',
  'created_time',
  'updated_time',
  'permalink_url',
  'from',
  'status_type',
  'shares',
  'reactions',
  'comments',
  'is_published',
  'is_hidden',
  'is_expired',
  'full_picture',
  'attachments',
  'message_tags',
  'parent_id',
  'likes',
]);
const COMMENT_FIELDS = new Set([
  'id',
  'message',
  'from',
  'created_time',
  'like_count',
  'comment_count',
  'parent',
  'permalink_url',
  'can_hide',
  'is_hidden',
  'attachment',
  'reactions',
  'comments',
  'object',
]);

/**
 * A fake Graph API for Page feeds and comments (docs/platform-apis.md#facebook, docs/platform-apis.md#fake-servers) on a real HTTP port: versioned
 * paths, token as access_token or Bearer, field expansion with summaries, cursor paging with
 * absolute next URLs, usage headers, and switchable throttling / token / payload failures.
 */
export class FakeFacebookServer extends FakePlatformServer<FakeFacebookFailure> {
  readonly accessToken: string;
  private readonly cursors = new OpaqueTokenStore<{ list: string; position: Position }>('QVFIU');
  private readonly pages = new Map<string, FakeFacebookPage>();
  /** Per page, oldest first: everything (/feed) and the page's own published posts (/posts). */
  private readonly postsByPage = new Map<string, FakeFacebookPost[]>();
  private readonly ownPostsByPage = new Map<string, FakeFacebookPost[]>();
  private readonly posts = new Map<string, FakeFacebookPost>();
  /** Per post, oldest first. */
  private readonly commentsByPost = new Map<string, FakeFacebookComment[]>();
  private readonly comments = new Map<string, FakeFacebookComment>();
  private readonly calls: number[] = [];
  private nextPostNumber = 122187000000000000n + BigInt(randomInt(0, 1_000_000));
  private nextCommentNumber = 1386857980250000n + BigInt(randomInt(0, 1_000_000));

  private constructor(private readonly options: FakeFacebookServerOptions) {
    super(options.clock ?? systemClock);
    this.accessToken = options.accessToken ?? 'fake-facebook-page-token';
  }

  static async start(options: FakeFacebookServerOptions = {}): Promise<FakeFacebookServer> {
    const server = new FakeFacebookServer(options);
    await server.listen();
    return server;
  }

  /** Makes every paging cursor issued so far invalid, as Graph cursors "can quickly become invalid". */
  expireCursors(): void {
    this.cursors.expireAll();
  }

  addPage(input: { id?: string; name?: string } = {}): FakeFacebookPage {
    const page = {
      id: input.id ?? String(100000000000 + randomInt(0, 900_000_000)),
      name: input.name ?? 'AI Policy Forum',
    };
    this.pages.set(page.id, page);
    this.postsByPage.set(page.id, []);
    this.ownPostsByPage.set(page.id, []);
    return page;
  }

  addPost(pageId: string, input: FakeFacebookPostInput = {}): FakeFacebookPost {
    const page = this.pages.get(pageId);
    if (!page) throw new Error(`no fake page ${pageId}`);
    this.nextPostNumber += BigInt(randomInt(1, 5_000));
    const post: FakeFacebookPost = {
      id: `${pageId}_${this.nextPostNumber}`,
      pageId,
      message:
        input.message === null
          ? undefined
          : (input.message ?? (input.story === undefined ? `Post ${this.nextPostNumber} about OpenAI` : undefined)),
      story: input.story,
      createdAtMs: seconds(input.createdAt ?? this.clock.now()),
      statusType: input.statusType ?? 'mobile_status_update',
      shares: input.shares ?? 0,
      reactions: input.reactions ?? 0,
      published: input.published ?? true,
      from: input.from ?? { name: page.name, id: page.id },
    };
    insertSorted(this.postsByPage.get(pageId)!, post, byTime);
    if (post.published && post.from.id === pageId) insertSorted(this.ownPostsByPage.get(pageId)!, post, byTime);
    this.posts.set(post.id, post);
    this.commentsByPost.set(post.id, []);
    return post;
  }

  /** Deletes a post and its comments; later requests for it get Graph's "does not exist" (#100). */
  removePost(postId: string): void {
    const post = this.posts.get(postId);
    if (!post) return;
    for (const list of [this.postsByPage.get(post.pageId)!, this.ownPostsByPage.get(post.pageId)!]) {
      const index = list.indexOf(post);
      if (index >= 0) list.splice(index, 1);
    }
    this.posts.delete(postId);
    for (const comment of this.commentsByPost.get(postId) ?? []) this.comments.delete(comment.id);
    this.commentsByPost.delete(postId);
  }

  addComment(postId: string, input: FakeFacebookCommentInput = {}): FakeFacebookComment {
    const list = this.commentsByPost.get(postId);
    if (!list) throw new Error(`no fake post ${postId}`);
    this.nextCommentNumber += BigInt(randomInt(1, 5_000));
    const comment: FakeFacebookComment = {
      id: `${postId.split('_')[1]}_${this.nextCommentNumber}`,
      postId,
      parentCommentId: input.replyTo,
      message: input.message ?? `Comment ${this.nextCommentNumber} on Anthropic`,
      createdAtMs: seconds(input.createdAt ?? this.clock.now()),
      likeCount: input.likeCount ?? 0,
      from: input.from ?? { name: 'Teodora L.', id: String(28443907705226419n + this.nextCommentNumber) },
    };
    insertSorted(list, comment, byTime);
    this.comments.set(comment.id, comment);
    return comment;
  }

  protected handle(request: FakeRequest): FakeResponse {
    const usage = this.countCall();
    const headers = {
      'x-app-usage': JSON.stringify({
        call_count: usage,
        total_time: Math.floor(usage / 2),
        total_cputime: Math.floor(usage / 2),
      }),
    };
    const [version, id, edge, ...extra] = request.segments;
    if (!version || !/^v\d+\.0$/.test(version) || !id || extra.length > 0 || request.method !== 'GET') {
      return graphError(
        400,
        { message: `Unknown path components: ${request.path}`, type: 'OAuthException', code: 2500 },
        headers,
      );
    }
    const failure = this.failures.take(request);
    if (failure) return this.fail(failure, request, id, headers);
    const token = request.query.get('access_token') ?? bearer(request.headers.authorization);
    if (token === null) {
      return graphError(
        400,
        {
          message: 'An active access token must be used to query information about the current user.',
          type: 'OAuthException',
          code: 2500,
        },
        headers,
      );
    }
    if (token !== this.accessToken) {
      return graphError(
        400,
        { message: 'Invalid OAuth access token - Cannot parse access token', type: 'OAuthException', code: 190 },
        headers,
      );
    }
    if (this.options.enforceUsage && usage >= 100)
      return this.fail({ kind: 'throttled', code: 4 }, request, id, headers);
    return this.route(request, id, edge, headers);
  }

  private route(
    request: FakeRequest,
    id: string,
    edge: string | undefined,
    headers: Record<string, string>,
  ): FakeResponse {
    let fields: GraphField[];
    try {
      fields = parseGraphFields(request.query.get('fields') ?? '');
    } catch (error) {
      if (!(error instanceof GraphFieldsSyntaxError)) throw error;
      return graphError(400, { message: error.message, type: 'OAuthException', code: 2500 }, headers);
    }
    const limit = Number(request.query.get('limit') ?? '25');
    if (!Number.isInteger(limit) || limit < 0 || limit > 100) {
      return graphError(
        400,
        { message: '(#100) The limit parameter should not exceed 100', type: 'OAuthException', code: 100 },
        headers,
      );
    }
    const pageBuc = (pageId: string): Record<string, string> => ({
      ...headers,
      'x-business-use-case-usage': JSON.stringify({
        [pageId]: [
          { type: 'pages', call_count: 1, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 0 },
        ],
      }),
    });
    if (edge === 'posts' || edge === 'feed' || edge === 'published_posts') {
      if (!this.pages.has(id)) return unsupported(id, headers);
      const posts = (edge === 'feed' ? this.postsByPage : this.ownPostsByPage).get(id)!;
      const unknown = fields.find((field) => !POST_FIELDS.has(field.name));
      if (unknown) return nonexisting(unknown.name, 'PagePost', headers);
      // Newest first, as Graph lists a feed.
      return this.list(
        request,
        `${edge}:${id}`,
        posts,
        true,
        limit,
        (post) => this.renderPost(post, fields),
        pageBuc(id),
      );
    }
    if (edge === 'comments') {
      const post = this.posts.get(id);
      const parent = this.comments.get(id);
      if (!post && !parent) return unsupported(id, headers);
      const unknown = fields.find((field) => !COMMENT_FIELDS.has(field.name));
      if (unknown) return nonexisting(unknown.name, 'Comment', headers);
      const stream = request.query.get('filter') === 'stream';
      const all = post
        ? this.commentsByPost.get(id)!
        : this.commentsByPost.get(parent!.postId)!.filter((c) => c.parentCommentId === id);
      const chosen = post && !stream ? all.filter((comment) => comment.parentCommentId === undefined) : all;
      const newestFirst = request.query.get('order') === 'reverse_chronological';
      const summary =
        request.query.get('summary') === 'true'
          ? { order: request.query.get('order') ?? 'chronological', total_count: chosen.length, can_comment: true }
          : undefined;
      const response = this.list(
        request,
        `comments:${id}:${stream}:${request.query.get('order')}`,
        chosen,
        newestFirst,
        limit,
        (comment) => this.renderComment(comment, fields),
        pageBuc(id.split('_')[0]),
      );
      if (summary && response.status === 200) (response.json as Record<string, unknown>).summary = summary;
      return response;
    }
    if (edge !== undefined)
      return graphError(
        400,
        {
          message: `(#100) Tried accessing nonexisting field (${edge}) on node type (PagePost)`,
          type: 'OAuthException',
          code: 100,
        },
        headers,
      );
    const post = this.posts.get(id);
    if (post) return { status: 200, headers, json: this.renderPost(post, fields) };
    const comment = this.comments.get(id);
    if (comment) return { status: 200, headers, json: this.renderComment(comment, fields) };
    const page = this.pages.get(id);
    if (page) return { status: 200, headers, json: { name: page.name, id: page.id } };
    return unsupported(id, headers);
  }

  /**
   * Cursor paging over `items` (oldest first), listed newest first when `newestFirst`. since/until
   * and the `after` cursor are binary searches, so a page of a 100k-post feed costs O(log n + limit).
   */
  private list<T extends { createdAtMs: number; id: string }>(
    request: FakeRequest,
    listKey: string,
    items: readonly T[],
    newestFirst: boolean,
    limit: number,
    render: (item: T) => Record<string, unknown>,
    headers: Record<string, string>,
  ): FakeResponse {
    const since = request.query.get('since');
    const until = request.query.get('until');
    // [lo, hi): items with since <= created_time < until.
    const lo = since === null ? 0 : firstIndex(items, (item) => item.createdAtMs >= Number(since) * 1000);
    const hi = until === null ? items.length : firstIndex(items, (item) => item.createdAtMs >= Number(until) * 1000);
    if (request.query.has('before')) {
      return graphError(
        400,
        { message: '(#100) This fake pages forward only: use after', type: 'OAuthException', code: 100 },
        headers,
      );
    }
    let from = newestFirst ? hi : lo;
    const token = request.query.get('after');
    if (token !== null) {
      const state = this.cursors.resolve(token);
      if (!state || state.list !== listKey) {
        return graphError(
          400,
          { message: '(#100) The After Cursor specified is invalid', type: 'OAuthException', code: 100 },
          headers,
        );
      }
      const position = state.position;
      if (position !== null) {
        const key = { createdAtMs: position.at, id: position.id };
        const at = firstIndex(items, (item) => byTime(item, key) >= 0);
        from = newestFirst ? Math.min(at, hi) : Math.max(at + (items[at]?.id === position.id ? 1 : 0), lo);
      }
    }
    const page = newestFirst
      ? items.slice(Math.max(lo, from - limit), from).reverse()
      : items.slice(from, Math.min(hi, from + limit));
    const json: Record<string, unknown> = { data: page.map(render) };
    if (page.length > 0) {
      const cursor = (item: T): string =>
        this.cursors.issue(`${listKey}|${item.id}`, { list: listKey, position: { at: item.createdAtMs, id: item.id } });
      const paging: Record<string, unknown> = { cursors: { before: cursor(page[0]), after: cursor(page.at(-1)!) } };
      const remaining = newestFirst ? from - page.length > lo : from + page.length < hi;
      if (remaining) paging.next = this.pageUrl(request, 'after', cursor(page.at(-1)!));
      json.paging = paging;
    }
    return { status: 200, headers, json };
  }

  private pageUrl(request: FakeRequest, name: 'after' | 'before', token: string): string {
    const params = new URLSearchParams(request.query);
    params.delete('after');
    params.delete('before');
    params.set(name, token);
    return `${this.baseUrl}${request.path}?${params.toString()}`;
  }

  private renderPost(post: FakeFacebookPost, fields: readonly GraphField[]): Record<string, unknown> {
    const chosen = fields.length > 0 ? fields : parseGraphFields('created_time,message,story,id');
    const out: Record<string, unknown> = {};
    const toplevel = this.commentsByPost.get(post.id)!.filter((comment) => comment.parentCommentId === undefined);
    const [, postNumber] = post.id.split('_');
    for (const field of chosen) {
      switch (field.name) {
        case 'id':
          out[field.key] = post.id;
          break;
        case 'message':
          if (post.message !== undefined) out[field.key] = post.message;
          break;
        case 'story':
          if (post.story !== undefined) out[field.key] = post.story;
          break;
        case 'created_time':
          out[field.key] = graphTime(post.createdAtMs);
          break;
        case 'updated_time':
          out[field.key] = graphTime(Math.max(post.createdAtMs, ...toplevel.map((c) => c.createdAtMs)));
          break;
        case 'permalink_url':
          out[field.key] = `https://www.facebook.com/${post.pageId}/posts/${postNumber}`;
          break;
        case 'from':
          out[field.key] = post.from;
          break;
        case 'status_type':
          out[field.key] = post.statusType;
          break;
        // Omitted entirely when there are no shares (docs/platform-apis.md#facebook-post-fields).
        case 'shares':
          if (post.shares > 0) out[field.key] = { count: post.shares };
          break;
        case 'is_published':
          out[field.key] = post.published;
          break;
        case 'is_hidden':
        case 'is_expired':
          out[field.key] = false;
          break;
        case 'reactions':
          out[field.key] = edgeSummary(field, post.reactions, { viewer_reaction: 'NONE' }, []);
          break;
        case 'comments': {
          const limit = Number(field.modifiers.get('limit') ?? '25');
          const data = toplevel.slice(0, limit).map((comment) => this.renderComment(comment, []));
          out[field.key] = edgeSummary(field, toplevel.length, { order: 'ranked', can_comment: true }, data);
          break;
        }
        default:
          break;
      }
    }
    return out;
  }

  private renderComment(comment: FakeFacebookComment, fields: readonly GraphField[]): Record<string, unknown> {
    const chosen = fields.length > 0 ? fields : parseGraphFields('created_time,from,message,id');
    const out: Record<string, unknown> = {};
    const replies = this.commentsByPost.get(comment.postId)!.filter((reply) => reply.parentCommentId === comment.id);
    for (const field of chosen) {
      switch (field.name) {
        case 'id':
          if (!this.options.withholdCommentIds) out[field.key] = comment.id;
          break;
        case 'message':
          if (comment.message !== undefined) out[field.key] = comment.message;
          break;
        case 'from':
          out[field.key] = comment.from;
          break;
        case 'created_time':
          out[field.key] = graphTime(comment.createdAtMs);
          break;
        case 'like_count':
          out[field.key] = comment.likeCount;
          break;
        case 'comment_count':
          out[field.key] = replies.length;
          break;
        case 'can_hide':
          out[field.key] = true;
          break;
        case 'is_hidden':
          out[field.key] = false;
          break;
        case 'permalink_url':
          out[field.key] =
            `https://www.facebook.com/${comment.postId.replace('_', '/posts/')}?comment_id=${comment.id.split('_')[1]}`;
          break;
        case 'parent': {
          const parent = comment.parentCommentId === undefined ? undefined : this.comments.get(comment.parentCommentId);
          if (parent) out[field.key] = this.renderComment(parent, []);
          break;
        }
        default:
          break;
      }
    }
    return out;
  }

  private fail(
    failure: FakeFacebookFailure,
    request: FakeRequest,
    id: string,
    headers: Record<string, string>,
  ): FakeResponse {
    const trace = { fbtrace_id: randomBytes(9).toString('base64url') };
    switch (failure.kind) {
      case 'throttled': {
        const messages: Record<number, string> = {
          4: '(#4) Application request limit reached',
          17: '(#17) User request limit reached',
          32: '(#32) Page request limit reached',
          613: '(#613) Calls to this api have exceeded the rate limit.',
          80001:
            '(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.',
        };
        const throttleHeaders: Record<string, string> = {
          ...headers,
          'x-app-usage': JSON.stringify({ call_count: 100, total_time: 41, total_cputime: 37 }),
        };
        if (failure.code === 80001 || failure.regainMinutes !== undefined) {
          const pageId = id.split('_')[0];
          throttleHeaders['x-business-use-case-usage'] = JSON.stringify({
            [pageId]: [
              {
                type: 'pages',
                call_count: 100,
                total_cputime: 31,
                total_time: 40,
                estimated_time_to_regain_access: failure.regainMinutes ?? 19,
              },
            ],
          });
        }
        const status = failure.status ?? (failure.code === 4 ? 403 : 400);
        const extra = failure.code === 4 ? { is_transient: true } : {};
        return graphError(
          status,
          { message: messages[failure.code], type: 'OAuthException', ...extra, code: failure.code, ...trace },
          throttleHeaders,
        );
      }
      case 'token-expired': {
        const now = new Date(this.clock.now());
        return graphError(
          400,
          {
            message: `Error validating access token: Session has expired on ${new Date(now.getTime() - 300_000).toUTCString()}. The current time is ${now.toUTCString()}.`,
            type: 'OAuthException',
            code: 190,
            error_subcode: 463,
            ...trace,
          },
          headers,
        );
      }
      case 'token-invalid':
        return graphError(
          400,
          {
            message: 'Invalid OAuth access token - Cannot parse access token',
            type: 'OAuthException',
            code: 190,
            ...trace,
          },
          headers,
        );
      case 'permission-denied':
        return graphError(
          403,
          {
            message:
              "(#10) This endpoint requires the 'pages_read_engagement' permission or the 'Page Public Content Access' feature.",
            type: 'OAuthException',
            code: 10,
            ...trace,
          },
          headers,
        );
      case 'server-error':
        return graphError(
          failure.status ?? 500,
          { message: 'An unknown error has occurred.', type: 'OAuthException', is_transient: true, code: 1, ...trace },
          headers,
        );
      case 'cursor-expired':
        return graphError(
          400,
          {
            message: '(#100) The After Cursor specified exceeds the max limit supported by this endpoint',
            type: 'OAuthException',
            code: 100,
            ...trace,
          },
          headers,
        );
      case 'invalid-json':
        return { status: 200, headers, raw: '{"data":[{"id":"1_2","message":"cut off' };
      case 'slow':
        return {
          ...this.route(request, id, request.segments[2], headers),
          delayMs: failure.delayMs ?? Number.POSITIVE_INFINITY,
        };
      case 'empty-page-with-next': {
        const response = this.route(request, id, request.segments[2], headers);
        if (response.status !== 200) return response;
        const after =
          request.query.get('after') ??
          this.cursors.issue(`start:${request.path}`, { list: listKeyOf(request), position: null });
        const body = {
          data: [],
          paging: { cursors: { before: after, after }, next: this.pageUrl(request, 'after', after) },
        };
        return { ...response, json: body };
      }
      case 'malformed': {
        const response = this.route(request, id, request.segments[2], headers);
        const body = response.json as Record<string, unknown>;
        const field = failure.field ?? 'created_time';
        if (field === 'data') body.data = { unexpected: true };
        else if (Array.isArray(body.data) && body.data.length > 0) {
          const target = body.data[Math.min(failure.index ?? 0, body.data.length - 1)] as Record<string, unknown>;
          if (field === 'created_time') target.created_time = '20 August 2026';
          else delete target[field];
        }
        return response;
      }
    }
  }

  /** Percentage of the rolling hour's call budget, as x-app-usage reports it. */
  private countCall(): number {
    const now = this.clock.now();
    this.calls.push(now);
    while (this.calls.length > 0 && this.calls[0] <= now - 3_600_000) this.calls.shift();
    return Math.min(100, Math.floor((this.calls.length * 100) / (this.options.callsPerHour ?? 1000)));
  }
}

function listKeyOf(request: FakeRequest): string {
  const [, id, edge] = request.segments;
  return edge === 'comments'
    ? `comments:${id}:${request.query.get('filter') === 'stream'}:${request.query.get('order')}`
    : `${edge}:${id}`;
}

function edgeSummary(
  field: GraphField,
  total: number,
  extra: Record<string, unknown>,
  data: unknown[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { data: field.modifiers.get('limit') === '0' ? [] : data };
  const summary = field.modifiers.get('summary');
  if (summary !== undefined && summary !== 'false')
    out.summary = { ...(field.name === 'comments' ? { order: extra.order } : {}), total_count: total, ...extra };
  return out;
}

function byTime(a: { createdAtMs: number; id: string }, b: { createdAtMs: number; id: string }): number {
  return a.createdAtMs - b.createdAtMs || compareNumericIds(a.id, b.id);
}

/** First index whose item satisfies a predicate that is false then true along the list. */
function firstIndex<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (predicate(items[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function seconds(at: Date | number): number {
  return Math.floor(new Date(at).getTime() / 1000) * 1000;
}

/** `2026-08-20T14:03:11+0000`. */
function graphTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+0000`;
}

function bearer(header: string | undefined): string | null {
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : null;
}

function graphError(status: number, error: Record<string, unknown>, headers: Record<string, string>): FakeResponse {
  const body = { fbtrace_id: randomBytes(9).toString('base64url'), ...error };
  return { status, headers: { ...headers, 'www-authenticate': 'OAuth "Facebook Platform"' }, json: { error: body } };
}

function unsupported(id: string, headers: Record<string, string>): FakeResponse {
  return graphError(
    400,
    {
      message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
    },
    headers,
  );
}

function nonexisting(field: string, nodeType: string, headers: Record<string, string>): FakeResponse {
  return graphError(
    400,
    {
      message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`,
      type: 'OAuthException',
      code: 100,
    },
    headers,
  );
}
