import { InvalidSourceError, MalformedPayloadError } from '../connector-errors';
import { DEFAULT_LINKEDIN_VERSION, type ConnectorSettings } from '../connector-settings';
import { PlatformHttpClient, type PlatformResponse } from '../http/platform-http.client';
import { isAfterWatermark, isBelowFloor, lowerFloor, maxWatermark, raiseWatermark } from '../paging/time-watermark';
import {
  pruneTracked,
  replaceTracked,
  trackPost,
  type CommentTracking,
  type TrackedPost,
} from '../paging/tracked-posts';
import { optionBoolean, optionInteger, optionNumber } from '../payload/source-options';
import type { NormalizedPost, PageResult, SourceConnector, SourceCursor, SourceTarget } from '../source-connector';
import { mapLinkedInError } from './linkedin-error.mapper';
import { readLinkedInOrgCursor, type LinkedInOrgCursor, type LinkedInPollState } from './linkedin-org-cursor';
import { readCommentsPage, readPostsPage, type LinkedInPage } from './linkedin-post.mapper';

const HOUR_MS = 3_600_000;

/**
 * Options of a linkedin_org source:
 * - `pageSize`: posts per request, 1–100, default 50.
 * - `comments` (default true): also collect comments of recent posts through socialActions.
 * - `commentsLookbackHours` (default 48) and `maxTrackedPosts` (default 25): which posts' comments are followed.
 * - `commentPageSize`: comments per request, 1–100, default 50.
 * - `initialLookbackDays` (default 30): how far back the first poll reads.
 */
export interface LinkedInOrgOptions {
  pageSize: number;
  comments: boolean;
  tracking: CommentTracking;
  commentPageSize: number;
  initialLookbackMs: number;
}

export function readLinkedInOrgOptions(options: Readonly<Record<string, unknown>>): LinkedInOrgOptions {
  return {
    pageSize: optionInteger(options, 'pageSize', 50, 1, 100),
    comments: optionBoolean(options, 'comments', true),
    tracking: {
      lookbackMs: optionNumber(options, 'commentsLookbackHours', 48, 0, 24 * 90) * HOUR_MS,
      maxPosts: optionInteger(options, 'maxTrackedPosts', 25, 0, 500),
    },
    commentPageSize: optionInteger(options, 'commentPageSize', 50, 1, 100),
    initialLookbackMs: optionNumber(options, 'initialLookbackDays', 30, 0, 3650) * 24 * HOUR_MS,
  };
}

/** `urn:li:organization:2414183`, or the bare numeric id. */
export function toOrganizationUrn(target: string): string {
  const trimmed = target.trim();
  if (/^\d+$/.test(trimmed)) return `urn:li:organization:${trimmed}`;
  if (/^urn:li:organization:\d+$/.test(trimmed)) return trimmed;
  throw new InvalidSourceError(`"${target}" is not a LinkedIn organization URN (urn:li:organization:<id>)`);
}

type PostsPoll = Extract<LinkedInPollState, { phase: 'posts' }>;
type CommentsPoll = Extract<LinkedInPollState, { phase: 'comments' }>;

/**
 * linkedin_org: an organization's posts through the versioned Posts API finder (docs/platform-apis.md#linkedin-posts-finder), newest
 * first by creation with start/count paging, then comments of recent posts via socialActions
 * (docs/platform-apis.md#linkedin-comments). Only organizations the token's member administers can be read
 * (docs/platform-apis.md#what-each-credential-can-read).
 */
export class LinkedInOrgConnector implements SourceConnector {
  readonly kind = 'linkedin_org' as const;
  readonly platform = 'linkedin' as const;
  private readonly http: PlatformHttpClient;
  private readonly version: string;
  private readonly base: string;

  constructor(private readonly settings: ConnectorSettings) {
    this.http = new PlatformHttpClient({
      platformName: 'LinkedIn',
      timeoutMs: settings.timeoutMs,
      secrets: [settings.token],
    });
    this.version = settings.version ?? DEFAULT_LINKEDIN_VERSION;
    // A configuration mistake: fail at boot rather than on every poll.
    if (!/^\d{6}(\.\d{2})?$/.test(this.version))
      throw new Error(`LinkedIn-Version ${this.version} must look like 202608`);
    // Accept the base with or without the /rest suffix the docs sometimes include.
    this.base = settings.baseUrl.replace(/\/+$/, '').replace(/\/rest$/, '');
  }

  async fetchPage(source: SourceTarget, cursor: SourceCursor, signal?: AbortSignal): Promise<PageResult> {
    const organization = toOrganizationUrn(source.target);
    const options = readLinkedInOrgOptions(source.options);
    const state = readLinkedInOrgCursor(cursor, source.target);
    const poll = state.poll ?? { phase: 'posts', start: 0, pending: null, floor: null };
    return poll.phase === 'posts'
      ? this.fetchPosts(organization, options, state, poll, signal)
      : this.fetchComments(organization, options, state, poll, signal);
  }

  private async fetchPosts(
    organization: string,
    options: LinkedInOrgOptions,
    state: LinkedInOrgCursor,
    poll: PostsPoll,
    signal: AbortSignal | undefined,
  ): Promise<PageResult> {
    const now = this.now();
    const floorTime = state.watermark ? null : now.getTime() - options.initialLookbackMs;
    // `author` before `q=author`: one integration saw ILLEGAL_ARGUMENT otherwise (docs/platform-apis.md#linkedin-request).
    const url = this.url(
      `/rest/posts?author=${encodeURIComponent(organization)}&q=author&count=${options.pageSize}&start=${poll.start}&sortBy=CREATED`,
    );
    const response = await this.http.get(url, this.headers(), signal);
    if (response.status === 404 && poll.start === 0) {
      // Some organizations without posts answer 404 instead of an empty list (docs/platform-apis.md#linkedin-posts-finder).
      return this.endPosts(
        state,
        poll,
        [...state.tracked],
        options,
        now,
        [],
        [`LinkedIn answered 404 for the posts of ${organization}; treated as no posts`],
      );
    }
    if (response.status !== 200) throw this.error(response, organization, now);
    const page = this.readPage(response, readPostsPage);

    const posts: NormalizedPost[] = [];
    let { pending, floor } = poll;
    let tracked: TrackedPost[] = [...state.tracked];
    let reachedOld = false;
    for (const item of page.items) {
      if (
        !isAfterWatermark(state.watermark, item.sortAt, item.urn) ||
        (floorTime !== null && item.sortAt < floorTime)
      ) {
        reachedOld = true;
        continue;
      }
      if (!isBelowFloor(floor, item.sortAt, item.urn)) continue;
      pending = raiseWatermark(pending, item.sortAt, item.urn);
      floor = lowerFloor(floor, item.sortAt, item.urn);
      if (item.post) posts.push(item.post);
      if (options.comments && item.sortAt >= now.getTime() - options.tracking.lookbackMs) {
        tracked = trackPost(tracked, item.urn, item.sortAt);
      }
    }
    // Pruned every page so the stored cursor stays small even on a first scan of a busy organization.
    tracked = options.comments ? pruneTracked(tracked, now, options.tracking) : [];
    const next = this.nextStart(page, poll.start, options.pageSize);
    if (next !== null && !reachedOld) {
      const cursor: LinkedInOrgCursor = { ...state, tracked, poll: { phase: 'posts', start: next, pending, floor } };
      return { posts, cursor, hasMore: true, warnings: [] };
    }
    return this.endPosts(state, { ...poll, pending }, tracked, options, now, posts, []);
  }

  /** Commits the posts watermark and moves on to comments (or ends the poll). */
  private endPosts(
    state: LinkedInOrgCursor,
    poll: PostsPoll,
    tracked: TrackedPost[],
    options: LinkedInOrgOptions,
    now: Date,
    posts: NormalizedPost[],
    warnings: string[],
  ): PageResult {
    const kept = options.comments ? pruneTracked(tracked, now, options.tracking) : [];
    const nextPoll: LinkedInPollState | null =
      kept.length > 0 ? { phase: 'comments', index: 0, start: 0, pending: null, seen: [] } : null;
    const cursor: LinkedInOrgCursor = {
      ...state,
      watermark: maxWatermark(state.watermark, poll.pending),
      tracked: kept,
      poll: nextPoll,
    };
    return { posts, cursor, hasMore: nextPoll !== null, warnings };
  }

  private async fetchComments(
    organization: string,
    options: LinkedInOrgOptions,
    state: LinkedInOrgCursor,
    poll: CommentsPoll,
    signal: AbortSignal | undefined,
  ): Promise<PageResult> {
    const now = this.now();
    const post = state.tracked[poll.index];
    if (!post) return { posts: [], cursor: { ...state, poll: null }, hasMore: false, warnings: [] };
    const url = this.url(
      `/rest/socialActions/${encodeURIComponent(post.id)}/comments?start=${poll.start}&count=${options.commentPageSize}`,
    );
    const response = await this.http.get(url, this.headers(), signal);
    if (response.status === 404) {
      // The post was deleted: stop following it.
      const tracked = state.tracked.filter((_, i) => i !== poll.index);
      return this.afterPost(
        state,
        tracked,
        poll.index - 1,
        [],
        [`stopped following comments of ${post.id}: LinkedIn answered 404`],
      );
    }
    if (response.status !== 200) throw this.error(response, organization, now);
    const page = this.readPage(response, (body) => readCommentsPage(body, post.id));

    // Comment order is undocumented, so every page of a tracked post is read; the watermark and
    // the URNs already returned by this scan filter what was seen.
    const posts: NormalizedPost[] = [];
    let pending = poll.pending;
    const seen = [...poll.seen];
    for (const item of page.items) {
      if (!isAfterWatermark(post.comments, item.sortAt, item.urn) || seen.includes(item.urn)) continue;
      seen.push(item.urn);
      pending = raiseWatermark(pending, item.sortAt, item.urn);
      if (item.post) posts.push(item.post);
    }
    const next = this.nextStart(page, poll.start, options.commentPageSize);
    if (next !== null)
      return {
        posts,
        cursor: { ...state, poll: { ...poll, start: next, pending, seen } },
        hasMore: true,
        warnings: [],
      };
    const done: TrackedPost = { ...post, comments: maxWatermark(post.comments, pending) };
    return this.afterPost(state, replaceTracked(state.tracked, poll.index, done), poll.index, posts, []);
  }

  private afterPost(
    state: LinkedInOrgCursor,
    tracked: TrackedPost[],
    index: number,
    posts: NormalizedPost[],
    warnings: string[],
  ): PageResult {
    const nextIndex = index + 1;
    const poll: LinkedInPollState | null =
      nextIndex < tracked.length ? { phase: 'comments', index: nextIndex, start: 0, pending: null, seen: [] } : null;
    return { posts, cursor: { ...state, tracked, poll }, hasMore: poll !== null, warnings };
  }

  /**
   * The next offset, or null at the end. paging.links decides when it lists links (a `prev`
   * without `next` is the last page); otherwise an empty or short page ends the scan (docs/platform-apis.md#linkedin-posts-finder).
   */
  private nextStart(page: LinkedInPage, start: number, count: number): number | null {
    if (page.items.length === 0) return null;
    if (page.nextStart !== null && page.nextStart > start) return page.nextStart;
    if (page.hasLinks) return null;
    return page.items.length < count ? null : start + count;
  }

  private readPage(response: PlatformResponse, read: (body: unknown) => LinkedInPage): LinkedInPage {
    if (!response.isJson) throw new MalformedPayloadError('(body)', 'expected JSON');
    return read(response.body);
  }

  private error(response: PlatformResponse, organization: string, now: Date): Error {
    return mapLinkedInError(response, now, { organization, version: this.version }, (text) => this.http.redact(text));
  }

  private headers(): Record<string, string> {
    return {
      authorization: `Bearer ${this.settings.token}`,
      'linkedin-version': this.version,
      'x-restli-protocol-version': '2.0.0',
    };
  }

  private url(pathAndQuery: string): URL {
    return new URL(`${this.base}${pathAndQuery}`);
  }

  private now(): Date {
    return this.settings.now ? this.settings.now() : new Date();
  }
}
