import { InvalidSourceError, MalformedPayloadError } from '../connector-errors';
import { DEFAULT_FACEBOOK_GRAPH_VERSION, type ConnectorSettings } from '../connector-settings';
import { PlatformHttpClient, type PlatformResponse } from '../http/platform-http.client';
import { isAfterWatermark, lowerFloor, maxWatermark, raiseWatermark, wasReturned } from '../paging/time-watermark';
import {
  pruneTracked,
  replaceTracked,
  trackPost,
  type CommentTracking,
  type TrackedPost,
} from '../paging/tracked-posts';
import { optionBoolean, optionEnum, optionInteger, optionNumber } from '../payload/source-options';
import type { NormalizedPost, PageResult, SourceConnector, SourceCursor, SourceTarget } from '../source-connector';
import { mapFacebookError, readFacebookRateLimit, readGraphError } from './facebook-error.mapper';
import { readFacebookPageCursor, type FacebookPageCursor, type FacebookPollState } from './facebook-page-cursor';
import { readCommentsPage, readFeedPage, type GraphPage } from './facebook-post.mapper';

const POST_FIELDS = [
  'id',
  'message',
  'story',
  'created_time',
  'permalink_url',
  'from',
  'status_type',
  'shares',
  'reactions.summary(total_count).limit(0)',
  'comments.summary(true).limit(0)',
].join(',');
const COMMENT_FIELDS = 'id,message,from,created_time,like_count,comment_count,permalink_url';
const HOUR_MS = 3_600_000;

/**
 * Options of a facebook_page source:
 * - `edge`: `posts` (default, the page's own posts), `published_posts` or `feed` (also visitors' posts).
 * - `pageSize`: posts per request, 1–100 (Graph's maximum), default 100.
 * - `comments` (default true): also collect top-level comments of recent posts.
 * - `commentsLookbackHours` (default 48) and `maxTrackedPosts` (default 25): which posts' comments are followed.
 * - `commentPageSize`: comments per request, 1–100, default 100.
 * - `initialLookbackDays` (default 30): how far back the first poll reads.
 */
export interface FacebookPageOptions {
  edge: 'posts' | 'published_posts' | 'feed';
  pageSize: number;
  comments: boolean;
  tracking: CommentTracking;
  commentPageSize: number;
  initialLookbackMs: number;
}

export function readFacebookPageOptions(options: Readonly<Record<string, unknown>>): FacebookPageOptions {
  return {
    edge: optionEnum(options, 'edge', ['posts', 'published_posts', 'feed'] as const, 'posts'),
    pageSize: optionInteger(options, 'pageSize', 100, 1, 100),
    comments: optionBoolean(options, 'comments', true),
    tracking: {
      lookbackMs: optionNumber(options, 'commentsLookbackHours', 48, 0, 24 * 90) * HOUR_MS,
      maxPosts: optionInteger(options, 'maxTrackedPosts', 25, 0, 500),
    },
    commentPageSize: optionInteger(options, 'commentPageSize', 100, 1, 100),
    initialLookbackMs: optionNumber(options, 'initialLookbackDays', 30, 0, 3650) * 24 * HOUR_MS,
  };
}

/** Page ids are numeric; Graph also resolves a page's username. */
export function toFacebookPageId(target: string): string {
  const pageId = target.trim();
  if (!/^[A-Za-z0-9.]{1,100}$/.test(pageId)) throw new InvalidSourceError(`"${target}" is not a Facebook page id`);
  return pageId;
}

type PostsPoll = Extract<FacebookPollState, { phase: 'posts' }>;
type CommentsPoll = Extract<FacebookPollState, { phase: 'comments' }>;

/**
 * facebook_page: a Page's feed through the Graph API (docs/platform-apis.md#facebook-request), newest first with cursor paging through
 * paging.next, then the comments of its recent posts. Each call makes one request; the cursor
 * records the phase, the next URL (without the token) and per-post comment watermarks.
 */
export class FacebookPageConnector implements SourceConnector {
  readonly kind = 'facebook_page' as const;
  readonly platform = 'facebook' as const;
  private readonly http: PlatformHttpClient;
  private readonly version: string;
  private readonly base: URL;

  constructor(private readonly settings: ConnectorSettings) {
    this.http = new PlatformHttpClient({
      platformName: 'Facebook',
      timeoutMs: settings.timeoutMs,
      secrets: [settings.token],
    });
    this.version = settings.version ?? DEFAULT_FACEBOOK_GRAPH_VERSION;
    // A configuration mistake: fail at boot rather than on every poll.
    if (!/^v\d+\.\d+$/.test(this.version))
      throw new Error(`Facebook Graph version ${this.version} must look like v25.0`);
    this.base = new URL(settings.baseUrl);
  }

  async fetchPage(source: SourceTarget, cursor: SourceCursor, signal?: AbortSignal): Promise<PageResult> {
    const pageId = toFacebookPageId(source.target);
    const options = readFacebookPageOptions(source.options);
    const state = readFacebookPageCursor(cursor, source.target);
    const poll = state.poll ?? { phase: 'posts', next: null, pending: null, floor: null, restarted: false };
    return poll.phase === 'posts'
      ? this.fetchPosts(pageId, options, state, poll, signal)
      : this.fetchComments(options, state, poll, signal);
  }

  private async fetchPosts(
    pageId: string,
    options: FacebookPageOptions,
    state: FacebookPageCursor,
    poll: PostsPoll,
    signal: AbortSignal | undefined,
  ): Promise<PageResult> {
    const now = this.now();
    // Without a watermark, the first poll reaches back initialLookbackDays.
    const lookbackStart = state.watermark ? null : now.getTime() - options.initialLookbackMs;
    const url = poll.next
      ? this.resolve(poll.next)
      : this.graphUrl(`${encodeURIComponent(pageId)}/${options.edge}`, {
          fields: POST_FIELDS,
          limit: String(options.pageSize),
          // `since` is a second-granularity lower bound whose inclusiveness is undocumented: ask
          // for a second more and filter exactly on the watermark.
          since: String(Math.floor((state.watermark?.at ?? lookbackStart ?? 0) / 1000) - 1),
        });
    const response = await this.http.get(url, {}, signal);
    if (response.status !== 200) {
      if (poll.next && !poll.restarted && isStaleCursor(response)) {
        return this.restart(state, { ...poll, next: null, restarted: true }, response);
      }
      throw mapFacebookError(response, now, (text) => this.http.redact(text));
    }
    const page = this.readPage(response, (body) => readFeedPage(body));

    const posts: NormalizedPost[] = [];
    let { pending, floor: returnedFloor } = poll;
    let tracked: TrackedPost[] = [...state.tracked];
    for (const item of page.items) {
      const at = item.createdAt.getTime();
      const id = item.id ?? '';
      if (!isAfterWatermark(state.watermark, at, id) || (lookbackStart !== null && at < lookbackStart)) continue;
      if (poll.restarted && wasReturned(poll.floor, poll.pending, at, id)) continue;
      pending = raiseWatermark(pending, at, id);
      returnedFloor = lowerFloor(returnedFloor, at, id);
      if (item.post) posts.push(item.post);
      if (options.comments && at >= now.getTime() - options.tracking.lookbackMs) tracked = trackPost(tracked, id, at);
    }

    // Pruned every page so the stored cursor stays small even on a first scan of a busy page.
    tracked = options.comments ? pruneTracked(tracked, now, options.tracking) : [];
    const next = page.next ? this.relative(page.next) : null;
    const rateLimit = readFacebookRateLimit(response.headers, now);
    if (next) {
      const cursor: FacebookPageCursor = { ...state, tracked, poll: { ...poll, next, pending, floor: returnedFloor } };
      return { posts, cursor, hasMore: true, warnings: [], rateLimit };
    }
    // The feed is exhausted: commit the watermark, then follow up on comments.
    const watermark = maxWatermark(state.watermark, pending);
    const nextPoll: FacebookPollState | null =
      tracked.length > 0
        ? { phase: 'comments', index: 0, next: null, pending: null, floor: null, restarted: false }
        : null;
    const cursor: FacebookPageCursor = { ...state, watermark, tracked, poll: nextPoll };
    return { posts, cursor, hasMore: nextPoll !== null, warnings: [], rateLimit };
  }

  private async fetchComments(
    options: FacebookPageOptions,
    state: FacebookPageCursor,
    poll: CommentsPoll,
    signal: AbortSignal | undefined,
  ): Promise<PageResult> {
    const now = this.now();
    const post = state.tracked[poll.index];
    if (!post) return { posts: [], cursor: { ...state, poll: null }, hasMore: false, warnings: [] };
    const url = poll.next
      ? this.resolve(poll.next)
      : this.graphUrl(`${encodeURIComponent(post.id)}/comments`, {
          fields: COMMENT_FIELDS,
          filter: 'toplevel',
          // Newest first, so the scan can stop at the first comment older than the watermark.
          order: 'reverse_chronological',
          summary: 'true',
          limit: String(options.commentPageSize),
        });
    const response = await this.http.get(url, {}, signal);
    if (response.status !== 200) {
      if (poll.next && !poll.restarted && isStaleCursor(response)) {
        return this.restart(state, { ...poll, next: null, restarted: true }, response);
      }
      if (!poll.next && isMissingObject(response)) {
        // The post is gone (deleted, or no longer visible to this token): stop following it.
        const tracked = state.tracked.filter((_, i) => i !== poll.index);
        const warning = `stopped following comments of ${post.id}: ${this.http.redact(readGraphError(response.body)?.message ?? '')}`;
        return this.afterPost(state, tracked, poll.index - 1, [], [warning]);
      }
      throw mapFacebookError(response, now, (text) => this.http.redact(text));
    }
    const page = this.readPage(response, (body) => readCommentsPage(body, post.id));

    const posts: NormalizedPost[] = [];
    const warnings: string[] = [];
    let { pending, floor: returnedFloor } = poll;
    let reachedOld = false;
    let withheld = 0;
    for (const item of page.items) {
      const at = item.createdAt.getTime();
      if (post.comments && at < post.comments.at) reachedOld = true;
      if (item.id === null) {
        withheld += 1;
        continue;
      }
      if (!isAfterWatermark(post.comments, at, item.id)) continue;
      if (poll.restarted && wasReturned(poll.floor, poll.pending, at, item.id)) continue;
      pending = raiseWatermark(pending, at, item.id);
      returnedFloor = lowerFloor(returnedFloor, at, item.id);
      if (item.post) posts.push(item.post);
    }
    if (withheld > 0) {
      warnings.push(
        `${withheld} comment(s) on ${post.id} came without ids (Page Public Content Access withholds them) and were skipped`,
      );
    }
    const next = page.next && !reachedOld ? this.relative(page.next) : null;
    const rateLimit = readFacebookRateLimit(response.headers, now);
    if (next) {
      return {
        posts,
        cursor: { ...state, poll: { ...poll, next, pending, floor: returnedFloor } },
        hasMore: true,
        warnings,
        rateLimit,
      };
    }
    const done: TrackedPost = { ...post, comments: maxWatermark(post.comments, pending) };
    return {
      ...this.afterPost(state, replaceTracked(state.tracked, poll.index, done), poll.index, posts, warnings),
      rateLimit,
    };
  }

  /** Moves on to the tracked post after `index`, or ends the poll. */
  private afterPost(
    state: FacebookPageCursor,
    tracked: TrackedPost[],
    index: number,
    posts: NormalizedPost[],
    warnings: string[],
  ): PageResult {
    const nextIndex = index + 1;
    const poll: FacebookPollState | null =
      nextIndex < tracked.length
        ? { phase: 'comments', index: nextIndex, next: null, pending: null, floor: null, restarted: false }
        : null;
    return { posts, cursor: { ...state, tracked, poll }, hasMore: poll !== null, warnings };
  }

  /** Graph says not to store cursors (docs/platform-apis.md#facebook-paging): when a stored one has gone stale, rescan once. */
  private restart(state: FacebookPageCursor, poll: FacebookPollState, response: PlatformResponse): PageResult {
    const reason = this.http.redact(readGraphError(response.body)?.message ?? 'invalid cursor');
    return {
      posts: [],
      cursor: { ...state, poll },
      hasMore: true,
      warnings: [`stored Graph paging cursor was refused (${reason}); rescanning from the first page`],
    };
  }

  private readPage(response: PlatformResponse, read: (body: unknown) => GraphPage): GraphPage {
    if (!response.isJson) throw new MalformedPayloadError('(body)', 'expected JSON');
    return read(response.body);
  }

  private graphUrl(path: string, params: Record<string, string>): URL {
    const url = new URL(`${this.base.href.replace(/\/+$/, '')}/${this.version}/${path}`);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    url.searchParams.set('access_token', this.settings.token);
    return url;
  }

  /**
   * paging.next without its access token, as a path relative to the configured base: the cursor
   * is stored in the database, and the next request goes to our configured host, never elsewhere.
   */
  private relative(next: string): string {
    let url: URL;
    try {
      url = new URL(next);
    } catch {
      throw new MalformedPayloadError('paging.next', 'expected an absolute URL');
    }
    url.searchParams.delete('access_token');
    const basePath = this.base.pathname.replace(/\/+$/, '');
    const path =
      basePath && url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : url.pathname;
    return `${path}${url.search}`;
  }

  private resolve(relative: string): URL {
    const url = new URL(`${this.base.href.replace(/\/+$/, '')}${relative}`);
    url.searchParams.set('access_token', this.settings.token);
    return url;
  }

  private now(): Date {
    return this.settings.now ? this.settings.now() : new Date();
  }
}

/** (#100/33) "Object with ID ... does not exist": deleted, or no longer visible to the token. */
function isMissingObject(response: PlatformResponse): boolean {
  const error = readGraphError(response.body);
  return error?.code === 100 && (error.subcode === 33 || /does not exist/i.test(error.message));
}

/** `(#100) ... After Cursor ...`: a stored paging cursor Graph no longer accepts. */
function isStaleCursor(response: PlatformResponse): boolean {
  const error = readGraphError(response.body);
  return error?.code === 100 && /cursor/i.test(error.message);
}
