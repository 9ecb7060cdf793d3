import { FakePlatformServer } from './fake-platform-server';
import { systemClock, type FakeClock } from './fake-clock';
import { type FakeRequest, type FakeResponse } from './fake-http-server';
import { OpaqueTokenStore } from './opaque-token.store';
import { SnowflakeMinter, X_EPOCH_MS } from './snowflake-ids';
import { compileXQuery, normalizeQueryText, XQuerySyntaxError, type XQueryMatcher } from './x-query.matcher';

/** Ways the fake X API can be told to fail (docs/platform-apis.md#x-errors). */
export type FakeXFailure =
  /** 429 with x-rate-limit-* headers; `form: 'legacy'` sends `{"errors":[{"code":88,...}]}`. */
  | { kind: 'rate-limited'; form?: 'problem' | 'legacy'; resetInSeconds?: number }
  /** 429 with a `usage-capped` problem (docs/platform-apis.md#x-errors). */
  | { kind: 'usage-capped'; period?: 'Daily' | 'Monthly'; scope?: 'Account' | 'Product' }
  | { kind: 'unauthorized' }
  /** 403 client-forbidden (e.g. not enrolled for full-archive search). */
  | { kind: 'forbidden' }
  | { kind: 'server-error'; status?: 500 | 502 | 503 | 504 }
  /** A 200 whose data[index] lacks `field` (or carries a wrong type for `id`). */
  | { kind: 'malformed'; index?: number; field?: 'created_at' | 'id' | 'text' | 'meta' }
  | { kind: 'invalid-json' }
  /** A 200 with the normal page plus an `errors[]` partial error (docs/platform-apis.md#x-errors). */
  | { kind: 'partial-error' }
  /** Answer after `delayMs` of real time; omitted means never (the client must time out). */
  | { kind: 'slow'; delayMs?: number };

export interface FakeXUser {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly verified: boolean;
  readonly verifiedType: 'blue' | 'business' | 'government' | 'none';
  readonly followers: number;
}

export interface FakeXMetrics {
  retweet_count: number;
  reply_count: number;
  like_count: number;
  quote_count: number;
  bookmark_count: number;
  impression_count: number;
}

export interface FakeXPost {
  readonly id: string;
  readonly idValue: bigint;
  readonly createdAtMs: number;
  /** As returned in `text` (truncated to 280 characters for long posts). */
  readonly text: string;
  /** The full text of a long post, returned as note_tweet.text. */
  readonly noteText: string | undefined;
  readonly authorId: string;
  readonly lang: string;
  readonly conversationId: string;
  readonly referencedTweets: readonly { type: 'retweeted' | 'quoted' | 'replied_to'; id: string }[];
  readonly metrics: FakeXMetrics;
}

export interface FakeXPostInput {
  text: string;
  /** Default: the fake clock's now. The id is minted from it, so since_id order follows time. */
  createdAt?: Date | number;
  /** A username (created on first use) or a user; default: one of a pool of generated users. */
  author?: string | Partial<Omit<FakeXUser, 'id'>>;
  lang?: string;
  metrics?: Partial<FakeXMetrics>;
  /** Id of the post this one replies to. */
  replyTo?: string;
  quoteOf?: string;
  retweet?: boolean;
}

export interface FakeXServerOptions {
  bearerToken?: string;
  clock?: FakeClock;
  /** Requests per 15-minute window reported in x-rate-limit-* (default 450 recent, 300 all). */
  rateLimit?: { recent?: number; all?: number; windowMs?: number; enforce?: boolean };
  /** Recent search's default end_time lag (default 30 s, as documented). */
  endTimeLagMs?: number;
  /** Shape of an empty result: `{"meta":{"result_count":0}}` (default) or with `data: []`. */
  emptyData?: 'omit' | 'empty-array';
  /** Max query length (default 512 recent, 1024 all). */
  maxQueryLength?: { recent?: number; all?: number };
}

const DAY_MS = 86_400_000;
const TWEET_FIELDS = new Set([
  'article',
  'attachments',
  'author_id',
  'card_uri',
  'community_id',
  'context_annotations',
  'conversation_id',
  'created_at',
  'display_text_range',
  'edit_controls',
  'edit_history_tweet_ids',
  'entities',
  'geo',
  'id',
  'in_reply_to_user_id',
  'lang',
  'media_metadata',
  'non_public_metrics',
  'note_tweet',
  'organic_metrics',
  'paid_partnership',
  'possibly_sensitive',
  'promoted_metrics',
  'public_metrics',
  'referenced_tweets',
  'reply_settings',
  'scopes',
  'source',
  'suggested_source_links',
  'suggested_source_links_with_counts',
  'text',
  'withheld',
]);
const USER_FIELDS = new Set([
  'affiliation',
  'connection_status',
  'created_at',
  'description',
  'entities',
  'id',
  'location',
  'most_recent_tweet_id',
  'name',
  'pinned_tweet_id',
  'profile_banner_url',
  'profile_image_url',
  'protected',
  'public_metrics',
  'receives_your_dm',
  'subscription_type',
  'url',
  'username',
  'verified',
  'verified_type',
  'withheld',
]);
const EXPANSIONS = new Set([
  'author_id',
  'referenced_tweets.id',
  'referenced_tweets.id.author_id',
  'attachments.media_keys',
  'attachments.poll_ids',
  'in_reply_to_user_id',
  'entities.mentions.username',
  'geo.place_id',
  'edit_history_tweet_ids',
  'article.cover_media',
  'article.media_entities',
]);
const PARAMETERS = new Set([
  'query',
  'max_results',
  'start_time',
  'end_time',
  'since_id',
  'until_id',
  'next_token',
  'pagination_token',
  'sort_order',
  'tweet.fields',
  'post.fields',
  'expansions',
  'user.fields',
  'media.fields',
  'poll.fields',
  'place.fields',
]);
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

type Endpoint = 'recent' | 'all';
interface ParamError {
  parameters: Record<string, string[]>;
  message: string;
}

/**
 * A fake X API v2 search (docs/platform-apis.md#x, docs/platform-apis.md#fake-servers) on a real HTTP port. Posts are kept sorted by
 * snowflake id, so since_id / until_id / time bounds are binary searches and 100k+ posts page fast.
 */
export class FakeXServer extends FakePlatformServer<FakeXFailure> {
  readonly bearerToken: string;
  private readonly tokens = new OpaqueTokenStore<{ query: string; below: bigint }>();
  private readonly minter = new SnowflakeMinter(X_EPOCH_MS);
  private readonly userMinter = new SnowflakeMinter(X_EPOCH_MS);
  /** Ascending by id (and therefore by creation time). */
  private readonly posts: FakeXPost[] = [];
  private readonly postsById = new Map<string, FakeXPost>();
  private readonly users = new Map<string, FakeXUser>();
  private readonly usersByName = new Map<string, FakeXUser>();
  private readonly matchers = new Map<string, XQueryMatcher>();
  /** Each post's text as queries see it, computed once: NFD normalisation was the fake's main cost in bench:scale. */
  private readonly normalizedTexts = new WeakMap<FakeXPost, string>();
  private readonly windows = new Map<Endpoint, { start: number; count: number }>();

  private constructor(private readonly options: FakeXServerOptions) {
    super(options.clock ?? systemClock);
    this.bearerToken = options.bearerToken ?? 'fake-x-bearer-token';
  }

  static async start(options: FakeXServerOptions = {}): Promise<FakeXServer> {
    const server = new FakeXServer(options);
    await server.listen();
    return server;
  }

  get postCount(): number {
    return this.posts.length;
  }

  getPost(id: string): FakeXPost | undefined {
    return this.postsById.get(id);
  }

  /** Ids of all stored posts, oldest first. */
  allPostIds(): string[] {
    return this.posts.map((post) => post.id);
  }

  addUser(input: Partial<Omit<FakeXUser, 'id'>> & { username: string }): FakeXUser {
    const existing = this.usersByName.get(input.username.toLowerCase());
    if (existing) return existing;
    const user: FakeXUser = {
      id: this.userMinter.mint(this.clock.now() - 400 * DAY_MS).id.toString(),
      username: input.username,
      name: input.name ?? input.username,
      verified: input.verified ?? false,
      verifiedType: input.verifiedType ?? 'none',
      followers: input.followers ?? 100,
    };
    this.users.set(user.id, user);
    this.usersByName.set(user.username.toLowerCase(), user);
    return user;
  }

  /** Adds one post; safe between polls (a new post gets a higher id than everything before it). */
  addPost(input: FakeXPostInput): FakeXPost {
    const created = input.createdAt === undefined ? this.clock.now() : new Date(input.createdAt).getTime();
    const { id, ms } = this.minter.mint(created);
    const author = this.resolveAuthor(input.author, this.posts.length);
    const replyTarget = input.replyTo === undefined ? undefined : this.postsById.get(input.replyTo);
    const references: FakeXPost['referencedTweets'][number][] = [];
    if (input.replyTo !== undefined) references.push({ type: 'replied_to', id: input.replyTo });
    if (input.quoteOf !== undefined) references.push({ type: 'quoted', id: input.quoteOf });
    if (input.retweet && input.quoteOf === undefined && input.replyTo === undefined) {
      const latest = this.posts.at(-1);
      if (latest) references.push({ type: 'retweeted', id: latest.id });
    }
    const long = input.text.length > 280;
    const post: FakeXPost = {
      id: id.toString(),
      idValue: id,
      createdAtMs: ms,
      text: long ? `${input.text.slice(0, 279)}…` : input.text,
      noteText: long ? input.text : undefined,
      authorId: author.id,
      lang: input.lang ?? 'en',
      conversationId: replyTarget?.conversationId ?? id.toString(),
      referencedTweets: references,
      metrics: {
        retweet_count: 0,
        reply_count: 0,
        like_count: 0,
        quote_count: 0,
        bookmark_count: 0,
        impression_count: 0,
        ...input.metrics,
      },
    };
    this.insert(post);
    return post;
  }

  /**
   * Adds `count` posts spread evenly from `from` (default: now − 1 day) to `to` (default: now − 1
   * minute, outside recent search's 30 s end_time lag). `make(i)` customises each; returns the ids.
   */
  addPosts(
    count: number,
    options: { from?: Date | number; to?: Date | number; make?: (index: number) => Partial<FakeXPostInput> } = {},
  ): string[] {
    const now = this.clock.now();
    const from = options.from === undefined ? now - DAY_MS : new Date(options.from).getTime();
    const to = options.to === undefined ? now - 60_000 : new Date(options.to).getTime();
    const step = count > 1 ? (to - from) / (count - 1) : 0;
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const custom = options.make?.(i) ?? {};
      ids.push(
        this.addPost({ text: `Post ${i} about OpenAI and Anthropic`, createdAt: from + step * i, ...custom }).id,
      );
    }
    return ids;
  }

  private resolveAuthor(author: FakeXPostInput['author'], index: number): FakeXUser {
    if (typeof author === 'string') return this.addUser({ username: author });
    if (author?.username !== undefined) return this.addUser({ ...author, username: author.username });
    return this.addUser({ username: `lab_watcher_${index % 25}`, name: `Lab Watcher ${index % 25}`, ...author });
  }

  private insert(post: FakeXPost): void {
    this.postsById.set(post.id, post);
    const last = this.posts.at(-1);
    if (!last || last.idValue < post.idValue) {
      this.posts.push(post);
      return;
    }
    this.posts.splice(this.indexAbove(post.idValue - 1n), 0, post);
  }

  /** Index of the first post whose id is > `id`. */
  private indexAbove(id: bigint): number {
    let lo = 0;
    let hi = this.posts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.posts[mid].idValue <= id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  protected handle(request: FakeRequest): FakeResponse {
    const endpoint = endpointOf(request.path);
    if (!endpoint || request.method !== 'GET') {
      return problem(404, {
        title: 'Not Found Error',
        detail: `Could not find ${request.path}`,
        type: 'about:blank',
        status: 404,
      });
    }
    const limits = this.countRequest(endpoint);
    const failure = this.failures.take(request);
    if (failure) return this.fail(failure, request, endpoint, limits);
    if (request.headers.authorization !== `Bearer ${this.bearerToken}`) {
      return problem(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' }, limits);
    }
    if (this.options.rateLimit?.enforce && this.windowCount(endpoint) > this.limitOf(endpoint)) {
      return problem(
        429,
        { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
        limits,
      );
    }
    return this.search(request, endpoint, limits);
  }

  private search(request: FakeRequest, endpoint: Endpoint, limits: Record<string, string>): FakeResponse {
    const validated = this.validate(request.query, endpoint);
    if ('errors' in validated) {
      return problem(
        400,
        {
          errors: validated.errors,
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
        },
        limits,
      );
    }
    const { query, matcher, maxResults, lowerExclusive, upperExclusive, tweetFields, userFields, expandAuthor } =
      validated;
    const lowIndex = this.indexAbove(lowerExclusive);
    let index = this.indexAbove(upperExclusive - 1n) - 1;
    const page: FakeXPost[] = [];
    let hasMore = false;
    for (; index >= lowIndex; index -= 1) {
      const post = this.posts[index];
      if (!matcher(this.candidate(post))) continue;
      if (page.length === maxResults) {
        hasMore = true;
        break;
      }
      page.push(post);
    }
    if (page.length === 0) {
      const json =
        this.options.emptyData === 'empty-array'
          ? { data: [], meta: { result_count: 0 } }
          : { meta: { result_count: 0 } };
      return { status: 200, headers: limits, json };
    }
    const last = page.at(-1)!;
    const meta: Record<string, unknown> = { newest_id: page[0].id, oldest_id: last.id, result_count: page.length };
    if (hasMore) meta.next_token = this.tokens.issue(`${query}\u0000${last.id}`, { query, below: last.idValue });
    const body: Record<string, unknown> = { data: page.map((post) => this.renderPost(post, tweetFields)) };
    if (expandAuthor) {
      const authors = [...new Set(page.map((post) => post.authorId))].map((id) => this.users.get(id)!);
      body.includes = { users: authors.map((user) => renderUser(user, userFields)) };
    }
    body.meta = meta;
    return { status: 200, headers: limits, json: body };
  }

  private validate(
    params: URLSearchParams,
    endpoint: Endpoint,
  ):
    | { errors: ParamError[] }
    | {
        query: string;
        matcher: XQueryMatcher;
        maxResults: number;
        lowerExclusive: bigint;
        upperExclusive: bigint;
        tweetFields: Set<string>;
        userFields: Set<string>;
        expandAuthor: boolean;
      } {
    const errors: ParamError[] = [];
    const error = (name: string, value: string, message: string): void => {
      errors.push({ parameters: { [name]: [value] }, message });
    };
    for (const name of params.keys()) {
      if (!PARAMETERS.has(name))
        error(
          name,
          params.get(name) ?? '',
          `The query parameter [${name}] is not one of [${[...PARAMETERS].join(',')}]`,
        );
    }
    const now = this.clock.now();
    const query = params.get('query') ?? '';
    const maxQuery =
      endpoint === 'recent' ? (this.options.maxQueryLength?.recent ?? 512) : (this.options.maxQueryLength?.all ?? 1024);
    let matcher: XQueryMatcher = () => false;
    if (query.trim() === '') error('query', query, 'The `query` query parameter can not be empty');
    else if (query.length > maxQuery)
      error('query', query, `The \`query\` query parameter value is longer than ${maxQuery} characters`);
    else {
      try {
        matcher = this.matcherFor(query);
      } catch (cause) {
        if (!(cause instanceof XQuerySyntaxError)) throw cause;
        error('query', query, cause.message);
      }
    }
    const maxLimit = endpoint === 'recent' ? 100 : 500;
    const rawMax = params.get('max_results');
    const maxResults = rawMax === null ? 10 : Number(rawMax);
    if (!Number.isInteger(maxResults) || maxResults < 10 || maxResults > maxLimit) {
      error(
        'max_results',
        rawMax ?? '',
        `The \`max_results\` query parameter value [${rawMax}] is not between 10 and ${maxLimit}`,
      );
    }
    for (const [a, b] of [
      ['start_time', 'since_id'],
      ['end_time', 'until_id'],
      ['next_token', 'pagination_token'],
    ] as const) {
      if (params.has(a) && params.has(b)) {
        errors.push({
          parameters: { [a]: [params.get(a)!], [b]: [params.get(b)!] },
          message: `At most one of ${a}, ${b} may be provided`,
        });
      }
    }
    const id = (name: string): bigint | null => {
      const value = params.get(name);
      if (value === null) return null;
      if (!/^[0-9]{1,19}$/.test(value)) {
        error(name, value, `The \`${name}\` query parameter value [${value}] does not match ^[0-9]{1,19}$`);
        return null;
      }
      return BigInt(value);
    };
    const time = (name: string): number | null => {
      const value = params.get(name);
      if (value === null) return null;
      const ms = RFC3339.test(value) ? Date.parse(value) : Number.NaN;
      if (Number.isNaN(ms)) {
        error(name, value, `Invalid '${name}':'${value}'. '${name}' must be a valid RFC 3339 date-time`);
        return null;
      }
      return ms;
    };
    const sinceId = id('since_id');
    const untilId = id('until_id');
    let startTime = time('start_time');
    let endTime = time('end_time');
    const windowStart = now - (endpoint === 'recent' ? 7 * DAY_MS : 30 * DAY_MS);
    if (endpoint === 'recent' && startTime !== null && startTime < windowStart) {
      error(
        'start_time',
        params.get('start_time')!,
        `Invalid 'start_time':'${params.get('start_time')}'. 'start_time' must be on or after ${new Date(windowStart).toISOString()}`,
      );
    }
    if (endpoint === 'recent' && sinceId !== null && this.minter.timeOf(sinceId) < windowStart) {
      error(
        'since_id',
        params.get('since_id')!,
        `Invalid 'since_id':'${params.get('since_id')}'. 'since_id' must be a tweet id created after ${new Date(windowStart).toISOString()}`,
      );
    }
    if (endTime !== null && endTime > now - 10_000) {
      error(
        'end_time',
        params.get('end_time')!,
        `Invalid 'end_time':'${params.get('end_time')}'. 'end_time' must be a minimum of 10 seconds prior to the request time.`,
      );
    }
    const tokenValue = params.get('next_token') ?? params.get('pagination_token');
    let below: bigint | null = null;
    if (tokenValue !== null) {
      const state = this.tokens.resolve(tokenValue);
      const name = params.has('next_token') ? 'next_token' : 'pagination_token';
      if (!state || state.query !== query)
        error(name, tokenValue, `The \`${name}\` query parameter value [${tokenValue}] is not valid`);
      else below = state.below;
    }
    const tweetFields = this.fieldList(
      params,
      params.has('post.fields') ? 'post.fields' : 'tweet.fields',
      TWEET_FIELDS,
      error,
    );
    const userFields = this.fieldList(params, 'user.fields', USER_FIELDS, error);
    const expansions = this.fieldList(params, 'expansions', EXPANSIONS, error);
    if (errors.length > 0) return { errors };

    // Documented defaults (docs/platform-apis.md#x-request): without since_id or start_time the window starts 7 (recent) or
    // 30 (all) days back; with none of since_id, start_time, end_time, recent ends at now − 30 s.
    if (sinceId === null && startTime === null) startTime = windowStart;
    if (endpoint === 'recent' && sinceId === null && params.get('start_time') === null && endTime === null) {
      endTime = now - (this.options.endTimeLagMs ?? 30_000);
    }
    let lowerExclusive = sinceId ?? -1n;
    if (startTime !== null) lowerExclusive = max(lowerExclusive, this.minter.floorFor(startTime) - 1n);
    let upperExclusive = 1n << 63n;
    if (untilId !== null) upperExclusive = untilId;
    if (endTime !== null) upperExclusive = min(upperExclusive, this.minter.floorFor(endTime));
    if (below !== null) upperExclusive = min(upperExclusive, below);
    return {
      query,
      matcher,
      maxResults,
      lowerExclusive,
      upperExclusive,
      tweetFields,
      userFields,
      expandAuthor: expansions.has('author_id'),
    };
  }

  private fieldList(
    params: URLSearchParams,
    name: string,
    allowed: ReadonlySet<string>,
    error: (name: string, value: string, message: string) => void,
  ): Set<string> {
    const raw = params.get(name);
    if (raw === null || raw === '') return new Set();
    const values = raw.split(',');
    for (const value of values) {
      if (!allowed.has(value))
        error(
          name,
          value,
          `The \`${name}\` query parameter value [${value}] is not one of [${[...allowed].join(',')}]`,
        );
    }
    return new Set(values);
  }

  private matcherFor(query: string): XQueryMatcher {
    let matcher = this.matchers.get(query);
    if (!matcher) {
      matcher = compileXQuery(query);
      this.matchers.set(query, matcher);
    }
    return matcher;
  }

  private candidate(post: FakeXPost): Parameters<XQueryMatcher>[0] {
    const author = this.users.get(post.authorId)!;
    const text = post.noteText ?? post.text;
    let normalizedText = this.normalizedTexts.get(post);
    if (normalizedText === undefined) this.normalizedTexts.set(post, (normalizedText = normalizeQueryText(text)));
    return {
      text,
      normalizedText,
      lang: post.lang,
      username: author.username,
      verified: author.verified,
      isRetweet: post.referencedTweets.some((ref) => ref.type === 'retweeted'),
      isReply: post.referencedTweets.some((ref) => ref.type === 'replied_to'),
      isQuote: post.referencedTweets.some((ref) => ref.type === 'quoted'),
      conversationId: post.conversationId,
      likes: post.metrics.like_count,
      replies: post.metrics.reply_count,
      reposts: post.metrics.retweet_count,
    };
  }

  private renderPost(post: FakeXPost, fields: ReadonlySet<string>): Record<string, unknown> {
    const out: Record<string, unknown> = { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] };
    if (fields.has('author_id')) out.author_id = post.authorId;
    // Second precision with ".000Z", as the API shows.
    if (fields.has('created_at')) out.created_at = new Date(Math.floor(post.createdAtMs / 1000) * 1000).toISOString();
    if (fields.has('conversation_id')) out.conversation_id = post.conversationId;
    const repliedTo = post.referencedTweets.find((ref) => ref.type === 'replied_to');
    if (fields.has('in_reply_to_user_id') && repliedTo) {
      const parent = this.postsById.get(repliedTo.id);
      if (parent) out.in_reply_to_user_id = parent.authorId;
    }
    if (fields.has('referenced_tweets') && post.referencedTweets.length > 0)
      out.referenced_tweets = post.referencedTweets;
    if (fields.has('lang')) out.lang = post.lang;
    if (fields.has('public_metrics')) out.public_metrics = post.metrics;
    if (fields.has('note_tweet') && post.noteText !== undefined) out.note_tweet = { text: post.noteText };
    if (fields.has('possibly_sensitive')) out.possibly_sensitive = false;
    if (fields.has('reply_settings')) out.reply_settings = 'everyone';
    return out;
  }

  private fail(
    failure: FakeXFailure,
    request: FakeRequest,
    endpoint: Endpoint,
    limits: Record<string, string>,
  ): FakeResponse {
    switch (failure.kind) {
      case 'rate-limited': {
        const reset =
          failure.resetInSeconds === undefined
            ? limits['x-rate-limit-reset']
            : String(Math.ceil(this.clock.now() / 1000) + failure.resetInSeconds);
        const headers = { ...limits, 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset };
        return failure.form === 'legacy'
          ? { status: 429, headers, json: { errors: [{ code: 88, message: 'Rate limit exceeded' }] } }
          : problem(
              429,
              { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
              headers,
            );
      }
      case 'usage-capped': {
        const period = failure.period ?? 'Monthly';
        const scope = failure.scope ?? 'Product';
        return problem(
          429,
          {
            title: 'UsageCapExceeded',
            detail: `Usage cap exceeded: ${period} ${scope.toLowerCase()} cap`,
            type: 'https://api.twitter.com/2/problems/usage-capped',
            period,
            scope,
          },
          limits,
        );
      }
      case 'unauthorized':
        return problem(
          401,
          { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' },
          limits,
        );
      case 'forbidden':
        return problem(
          403,
          {
            title: 'Client Forbidden',
            detail:
              'When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project.',
            reason: 'client-not-enrolled',
            registration_url: 'https://developer.twitter.com/en/docs/projects/overview',
            required_enrollment: 'Appropriate Level of API Access',
            type: 'https://api.twitter.com/2/problems/client-forbidden',
          },
          limits,
        );
      case 'server-error': {
        const status = failure.status ?? 503;
        return problem(
          status,
          { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status },
          limits,
        );
      }
      case 'invalid-json':
        return { status: 200, headers: limits, raw: '{"data":[{"id":"2090439504425911475","text":"cut off' };
      case 'slow': {
        const response = this.search(request, endpoint, limits);
        return { ...response, delayMs: failure.delayMs ?? Number.POSITIVE_INFINITY };
      }
      case 'malformed':
      case 'partial-error':
        return this.damage(this.search(request, endpoint, limits), failure);
    }
  }

  private damage(
    response: FakeResponse,
    failure: Extract<FakeXFailure, { kind: 'malformed' | 'partial-error' }>,
  ): FakeResponse {
    const body = response.json as Record<string, unknown>;
    const data = Array.isArray(body.data) ? (body.data as Record<string, unknown>[]) : [];
    if (failure.kind === 'partial-error') {
      const hidden = '2090408504325046272';
      const first = data[0];
      if (first) first.referenced_tweets = [{ type: 'quoted', id: hidden }];
      body.errors = [
        {
          value: hidden,
          detail: `Sorry, you are not authorized to see the Post with id: [${hidden}].`,
          title: 'Authorization Error',
          resource_type: 'tweet',
          parameter: 'referenced_tweets.id',
          resource_id: hidden,
          section: 'includes',
          type: 'https://api.twitter.com/2/problems/not-authorized-for-resource',
        },
      ];
      return response;
    }
    const field = failure.field ?? 'created_at';
    if (field === 'meta') {
      delete body.meta;
      return response;
    }
    const target = data[Math.min(failure.index ?? 0, data.length - 1)];
    if (target) {
      if (field === 'id') target.id = Number(target.id);
      else delete target[field];
    }
    return response;
  }

  private countRequest(endpoint: Endpoint): Record<string, string> {
    const windowMs = this.options.rateLimit?.windowMs ?? 15 * 60_000;
    const now = this.clock.now();
    let window = this.windows.get(endpoint);
    if (!window || now >= window.start + windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(endpoint, window);
    }
    window.count += 1;
    const limit = this.limitOf(endpoint);
    return {
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-remaining': String(Math.max(0, limit - window.count)),
      'x-rate-limit-reset': String(Math.ceil((window.start + windowMs) / 1000)),
    };
  }

  private windowCount(endpoint: Endpoint): number {
    return this.windows.get(endpoint)?.count ?? 0;
  }

  private limitOf(endpoint: Endpoint): number {
    return endpoint === 'recent' ? (this.options.rateLimit?.recent ?? 450) : (this.options.rateLimit?.all ?? 300);
  }
}

function endpointOf(path: string): Endpoint | null {
  if (path === '/2/tweets/search/recent') return 'recent';
  if (path === '/2/tweets/search/all') return 'all';
  return null;
}

function renderUser(user: FakeXUser, fields: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
  if (fields.has('verified')) out.verified = user.verified;
  if (fields.has('verified_type')) out.verified_type = user.verifiedType;
  if (fields.has('public_metrics')) {
    out.public_metrics = {
      followers_count: user.followers,
      following_count: 100,
      tweet_count: 1000,
      listed_count: 5,
      like_count: 500,
    };
  }
  return out;
}

function problem(status: number, json: Record<string, unknown>, headers: Record<string, string> = {}): FakeResponse {
  return { status, headers: { ...headers, 'content-type': 'application/problem+json' }, json };
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
