import { FakePlatformServer } from './fake-platform-server';
import { randomInt } from 'node:crypto';
import { systemClock, type FakeClock } from './fake-clock';
import { type FakeRequest, type FakeResponse } from './fake-http-server';
import { SnowflakeMinter } from './snowflake-ids';
import { insertSorted } from './sorted-insert';

/** Ways the fake LinkedIn API can be told to fail (docs/platform-apis.md#linkedin-rate-limits, docs/platform-apis.md#linkedin-errors). */
export type FakeLinkedInFailure =
  /** 429 "APPLICATION DAY limit" with no rate-limit headers (one request; see also exhaustDailyLimit). */
  | { kind: 'daily-limit' }
  | { kind: 'token-expired' }
  | { kind: 'token-revoked' }
  | { kind: 'token-invalid' }
  /** 403 ACCESS_DENIED, whatever the author. */
  | { kind: 'access-denied' }
  | { kind: 'server-error'; status?: 500 | 502 | 503 | 504 }
  /** 404 NOT_FOUND (some integrations see it for an organization without posts). */
  | { kind: 'not-found' }
  /** A 200 whose elements[index] has a bad `field` (createdAt as a string, id or created missing), or no elements array. */
  | { kind: 'malformed'; index?: number; field?: 'createdAt' | 'id' | 'created' | 'elements' }
  | { kind: 'invalid-json' }
  | { kind: 'slow'; delayMs?: number };

export interface FakeLinkedInOrganization {
  readonly id: string;
  readonly urn: string;
  readonly name: string;
  /** Whether the token's member administers it; the posts finder answers 403 otherwise. */
  readonly administered: boolean;
}

export interface FakeLinkedInPost {
  readonly urn: string;
  /** The activity URN comments refer to as their `object` (docs/platform-apis.md#linkedin-comments). */
  readonly activityUrn: string;
  readonly author: string;
  readonly commentary: string;
  readonly createdAt: number;
  readonly publishedAt: number;
  readonly lastModifiedAt: number;
  readonly lifecycleState: 'PUBLISHED' | 'DRAFT' | 'PROCESSING';
  readonly likes: number;
}

export interface FakeLinkedInComment {
  readonly urn: string;
  readonly id: string;
  readonly postUrn: string;
  readonly activityUrn: string;
  readonly actor: string;
  readonly text: string;
  readonly createdAt: number;
  readonly likes: number;
  readonly parentCommentUrn: string | undefined;
}

export interface FakeLinkedInPostInput {
  /** Little text: may contain `@[Name](urn:li:organization:1)` mentions. */
  commentary?: string;
  createdAt?: Date | number;
  publishedAt?: Date | number;
  lastModifiedAt?: Date | number;
  lifecycleState?: FakeLinkedInPost['lifecycleState'];
  kind?: 'share' | 'ugcPost';
  likes?: number;
}

export interface FakeLinkedInCommentInput {
  text?: string;
  createdAt?: Date | number;
  actor?: string;
  likes?: number;
  /** Makes it a reply, listed under the parent comment's own socialActions. */
  replyTo?: string;
}

export interface FakeLinkedInServerOptions {
  accessToken?: string;
  clock?: FakeClock;
  /** Which LinkedIn-Version values are active; default: the 12 months up to the clock's month. */
  isActiveVersion?: (version: string) => boolean;
  /** Requests per UTC day before every request gets a 429 until midnight (default: unlimited). */
  dailyLimit?: number;
  /** Order of comments lists (undocumented; default chronological). */
  commentOrder?: 'chronological' | 'reverse_chronological';
}

/**
 * A fake LinkedIn versioned REST API (docs/platform-apis.md#linkedin, docs/platform-apis.md#fake-servers) on a real HTTP port: required version
 * and Rest.li headers, URL-encoded URNs in paths, the posts finder with start/count paging,
 * comments and summaries under socialActions, admin-only access, and a daily 429 window that ends
 * at midnight UTC by the injectable clock.
 */
export class FakeLinkedInServer extends FakePlatformServer<FakeLinkedInFailure> {
  readonly accessToken: string;
  private readonly minter = new SnowflakeMinter(0);
  private readonly organizations = new Map<string, FakeLinkedInOrganization>();
  /** Per author, oldest first: all posts, and the PUBLISHED ones the finder shows by default. */
  private readonly postsByAuthor = new Map<string, FakeLinkedInPost[]>();
  private readonly publishedByAuthor = new Map<string, FakeLinkedInPost[]>();
  private readonly posts = new Map<string, FakeLinkedInPost>();
  private readonly commentsByTarget = new Map<string, FakeLinkedInComment[]>();
  private readonly comments = new Map<string, FakeLinkedInComment>();
  private day = { key: '', count: 0 };
  private exhaustedUntil = 0;

  private constructor(private readonly options: FakeLinkedInServerOptions) {
    super(options.clock ?? systemClock);
    this.accessToken = options.accessToken ?? 'fake-linkedin-member-token';
  }

  static async start(options: FakeLinkedInServerOptions = {}): Promise<FakeLinkedInServer> {
    const server = new FakeLinkedInServer(options);
    await server.listen();
    return server;
  }

  /** Every request gets the daily 429 until the fake clock passes the next midnight UTC. */
  exhaustDailyLimit(): void {
    const now = new Date(this.clock.now());
    this.exhaustedUntil = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  }

  addOrganization(input: { id?: string; name?: string; administered?: boolean } = {}): FakeLinkedInOrganization {
    const id = input.id ?? String(randomInt(1_000_000, 99_999_999));
    const organization = {
      id,
      urn: `urn:li:organization:${id}`,
      name: input.name ?? 'Example Labs',
      administered: input.administered ?? true,
    };
    this.organizations.set(organization.urn, organization);
    this.postsByAuthor.set(organization.urn, []);
    this.publishedByAuthor.set(organization.urn, []);
    return organization;
  }

  addPost(authorUrn: string, input: FakeLinkedInPostInput = {}): FakeLinkedInPost {
    const list = this.postsByAuthor.get(authorUrn);
    if (!list) throw new Error(`no fake organization ${authorUrn}`);
    const { id, ms } = this.minter.mint(
      input.createdAt === undefined ? this.clock.now() : new Date(input.createdAt).getTime(),
    );
    const activity = this.minter.mint(ms).id;
    const publishedAt =
      input.publishedAt === undefined ? ms + randomInt(0, 500) : new Date(input.publishedAt).getTime();
    const post: FakeLinkedInPost = {
      urn: `urn:li:${input.kind ?? 'share'}:${id}`,
      activityUrn: `urn:li:activity:${activity}`,
      author: authorUrn,
      commentary: input.commentary ?? `Our take on the latest Anthropic release ${id}`,
      createdAt: ms,
      publishedAt,
      lastModifiedAt: input.lastModifiedAt === undefined ? publishedAt : new Date(input.lastModifiedAt).getTime(),
      lifecycleState: input.lifecycleState ?? 'PUBLISHED',
      likes: input.likes ?? 0,
    };
    const byCreation = (a: FakeLinkedInPost, b: FakeLinkedInPost): number =>
      a.createdAt - b.createdAt || (a.urn < b.urn ? -1 : 1);
    insertSorted(list, post, byCreation);
    if (post.lifecycleState === 'PUBLISHED') insertSorted(this.publishedByAuthor.get(authorUrn)!, post, byCreation);
    this.posts.set(post.urn, post);
    this.commentsByTarget.set(post.urn, []);
    return post;
  }

  /** Deletes a post; its comments endpoint then answers 404. */
  removePost(urn: string): void {
    const post = this.posts.get(urn);
    if (!post) return;
    for (const list of [this.postsByAuthor.get(post.author)!, this.publishedByAuthor.get(post.author)!]) {
      const index = list.indexOf(post);
      if (index >= 0) list.splice(index, 1);
    }
    this.posts.delete(urn);
    this.commentsByTarget.delete(urn);
  }

  addComment(postUrn: string, input: FakeLinkedInCommentInput = {}): FakeLinkedInComment {
    const post = this.posts.get(postUrn);
    if (!post) throw new Error(`no fake post ${postUrn}`);
    const id = this.minter.mint(input.createdAt === undefined ? this.clock.now() : new Date(input.createdAt).getTime());
    const comment: FakeLinkedInComment = {
      urn: `urn:li:comment:(${post.activityUrn},${id.id})`,
      id: id.id.toString(),
      postUrn,
      activityUrn: post.activityUrn,
      actor: input.actor ?? `urn:li:person:${randomInt(10_000_000, 99_999_999).toString(36)}`,
      text: input.text ?? `Interesting point about OpenAI ${id.id}`,
      createdAt: id.ms,
      likes: input.likes ?? 0,
      parentCommentUrn: input.replyTo,
    };
    const key = comment.parentCommentUrn ?? postUrn;
    const list = this.commentsByTarget.get(key) ?? [];
    insertSorted(list, comment, (a, b) => a.createdAt - b.createdAt);
    this.commentsByTarget.set(key, list);
    this.comments.set(comment.urn, comment);
    return comment;
  }

  protected handle(request: FakeRequest): FakeResponse {
    const failure = this.failures.take(request);
    if (failure) return this.fail(failure, request);
    const version = header(request, 'linkedin-version');
    if (version === undefined) {
      return restError(
        400,
        'VERSION_MISSING',
        'A version must be present. Please specify a version by adding the LinkedIn-Version header.',
        undefined,
        { 'x-restli-gateway-error': 'true' },
      );
    }
    if (!this.isActive(version)) {
      return restError(426, 'NONEXISTENT_VERSION', `Requested version ${version.slice(0, 6)}01 is not active`);
    }
    if (header(request, 'x-restli-protocol-version') !== '2.0.0') {
      return restError(400, 'ILLEGAL_ARGUMENT', 'X-Restli-Protocol-Version 2.0.0 is required for this resource', 100);
    }
    if (header(request, 'authorization') !== `Bearer ${this.accessToken}`) {
      return restError(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
    }
    if (this.overDailyLimit()) return this.dailyLimit();
    return this.route(request, version);
  }

  private route(request: FakeRequest, version: string): FakeResponse {
    const [root, resource, key, edge, ...extra] = request.segments;
    if (root !== 'rest' || extra.length > 0 || request.method !== 'GET') return notFound();
    if (resource === 'posts' && key === undefined) return this.findPosts(request, version);
    if (resource === 'posts' && key !== undefined && edge === undefined) {
      const post = this.posts.get(key);
      if (!post) return notFound();
      if (!this.organizations.get(post.author)?.administered)
        return accessDenied(`partnerApiPostsExternal.GET.${version.slice(0, 6)}01`);
      return { status: 200, json: renderPost(post) };
    }
    if (resource === 'socialActions' && key !== undefined) return this.socialActions(request, key, edge, version);
    if (resource === 'socialMetadata' && key !== undefined && edge === undefined) {
      const post = this.posts.get(key);
      if (!post) return notFound();
      const comments = this.commentsByTarget.get(key) ?? [];
      return {
        status: 200,
        json: {
          entity: key,
          commentsState: 'OPEN',
          commentSummary: { count: comments.length, topLevelCount: comments.length },
          reactionSummaries: post.likes > 0 ? { LIKE: { reactionType: 'LIKE', count: post.likes } } : {},
        },
      };
    }
    return notFound();
  }

  private findPosts(request: FakeRequest, version: string): FakeResponse {
    const ids = request.query.get('ids');
    if (ids !== null) return this.batchGet(ids);
    if (request.query.get('q') !== 'author')
      return restError(400, 'ILLEGAL_ARGUMENT', 'Invalid finder: q must be author', 100);
    const author = request.query.get('author');
    if (!author) return restError(400, 'ILLEGAL_ARGUMENT', 'Required parameter author is missing', 100);
    const start = Number(request.query.get('start') ?? '0');
    const count = Number(request.query.get('count') ?? '10');
    if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 1 || count > 100) {
      return restError(
        400,
        'ILLEGAL_ARGUMENT',
        `Invalid paging: start=${start}, count=${count} (count must be 1-100)`,
        100,
      );
    }
    const sortBy = request.query.get('sortBy') ?? 'LAST_MODIFIED';
    if (sortBy !== 'LAST_MODIFIED' && sortBy !== 'CREATED')
      return restError(400, 'ILLEGAL_ARGUMENT', `Invalid sortBy ${sortBy}`, 100);
    const organization = this.organizations.get(author);
    if (!organization?.administered)
      return accessDenied(`partnerApiPostsExternal.FINDER-author.${version.slice(0, 6)}01`);
    const authorView = request.query.get('viewContext') === 'AUTHOR';
    // Newest first by the requested key; CREATED pages straight off the ascending list.
    const visible = (authorView ? this.postsByAuthor : this.publishedByAuthor).get(author)!;
    const total = visible.length;
    const page =
      sortBy === 'CREATED'
        ? visible.slice(Math.max(0, total - start - count), Math.max(0, total - start)).reverse()
        : [...visible].sort((a, b) => b.lastModifiedAt - a.lastModifiedAt).slice(start, start + count);
    const elements = page.map(renderPost);
    const base = `/rest/posts?author=${encodeURIComponent(author)}&count=${count}&q=author&sortBy=${sortBy}`;
    return { status: 200, json: { paging: paging(base, start, count, total), elements } };
  }

  /** `ids=List(urn%3Ali%3Ashare%3A1,...)` (docs/platform-apis.md#linkedin-request). */
  private batchGet(ids: string): FakeResponse {
    const match = /^List\((.*)\)$/.exec(ids);
    if (!match) return restError(400, 'ILLEGAL_ARGUMENT', 'ids must use the List() syntax', 100);
    const results: Record<string, unknown> = {};
    const statuses: Record<string, number> = {};
    const errors: Record<string, unknown> = {};
    for (const urn of (match[1] ?? '')
      .split(',')
      .filter((part) => part !== '')
      .map((part) => decodeURIComponent(part))) {
      const post = this.posts.get(urn);
      if (post) {
        results[urn] = renderPost(post);
        statuses[urn] = 200;
      } else {
        statuses[urn] = 404;
        errors[urn] = { status: 404, message: 'Not Found' };
      }
    }
    return { status: 200, json: { results, statuses, errors } };
  }

  private socialActions(request: FakeRequest, key: string, edge: string | undefined, version: string): FakeResponse {
    const post = this.posts.get(key) ?? [...this.posts.values()].find((candidate) => candidate.activityUrn === key);
    const parent = this.comments.get(key);
    if (!post && !parent) return notFound();
    const owner = post ?? this.posts.get(parent!.postUrn);
    if (!owner || !this.organizations.get(owner.author)?.administered)
      return accessDenied(`partnerApiSocialActions.GET.${version.slice(0, 6)}01`);
    const list = this.commentsByTarget.get(post ? post.urn : key) ?? [];
    if (edge === undefined) {
      return {
        status: 200,
        json: {
          likesSummary: {
            selectedLikes: [],
            aggregatedTotalLikes: owner.likes,
            likedByCurrentUser: false,
            totalLikes: owner.likes,
          },
          commentsSummary: {
            selectedComments: [],
            totalFirstLevelComments: list.length,
            commentsState: 'OPEN',
            aggregatedTotalComments: list.length,
          },
          target: key,
        },
      };
    }
    if (edge !== 'comments') return notFound();
    const start = Number(request.query.get('start') ?? '0');
    const count = Number(request.query.get('count') ?? '10');
    if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 1 || count > 100) {
      return restError(400, 'ILLEGAL_ARGUMENT', `Invalid paging: start=${start}, count=${count}`, 100);
    }
    const ordered = this.options.commentOrder === 'reverse_chronological' ? [...list].reverse() : list;
    const elements = ordered.slice(start, start + count).map((comment) => this.renderComment(comment));
    const base = `/rest/socialActions/${encodeURIComponent(key)}/comments?count=${count}`;
    return { status: 200, json: { paging: paging(base, start, count, ordered.length), elements } };
  }

  private renderComment(comment: FakeLinkedInComment): Record<string, unknown> {
    const replies = this.commentsByTarget.get(comment.urn) ?? [];
    const out: Record<string, unknown> = {
      actor: comment.actor,
      $URN: comment.urn,
      commentUrn: comment.urn,
      id: comment.id,
      object: comment.activityUrn,
      message: { attributes: [], text: comment.text },
      created: { actor: comment.actor, time: comment.createdAt },
      lastModified: { actor: comment.actor, time: comment.createdAt },
      likesSummary: {
        selectedLikes: [],
        aggregatedTotalLikes: comment.likes,
        likedByCurrentUser: false,
        totalLikes: comment.likes,
      },
      commentsSummary: {
        selectedComments: [],
        totalFirstLevelComments: replies.length,
        aggregatedTotalComments: replies.length,
      },
    };
    if (comment.parentCommentUrn !== undefined) out.parentComment = comment.parentCommentUrn;
    return out;
  }

  private fail(failure: FakeLinkedInFailure, request: FakeRequest): FakeResponse {
    switch (failure.kind) {
      case 'daily-limit':
        return this.dailyLimit();
      case 'token-expired':
        return restError(401, 'EXPIRED_ACCESS_TOKEN', 'The token used in the request has expired', 65600);
      case 'token-revoked':
        return restError(
          401,
          'REVOKED_ACCESS_TOKEN',
          'The token used in the request has been revoked by the user',
          65601,
        );
      case 'token-invalid':
        return restError(401, 'INVALID_ACCESS_TOKEN', 'Invalid access token', 65600);
      case 'access-denied':
        return accessDenied(
          `partnerApiPostsExternal.FINDER-author.${(header(request, 'linkedin-version') ?? '202608').slice(0, 6)}01`,
        );
      case 'server-error':
        return restError(failure.status ?? 500, 'INTERNAL_SERVER_ERROR', 'Internal Server Error', 0);
      case 'not-found':
        return notFound();
      case 'invalid-json':
        return { status: 200, raw: '{"paging":{"start":0,"count":10},"elements":[{"id":"urn:li:share:1"' };
      case 'slow':
        return {
          ...this.route(request, header(request, 'linkedin-version') ?? '202608'),
          delayMs: failure.delayMs ?? Number.POSITIVE_INFINITY,
        };
      case 'malformed': {
        const response = this.route(request, header(request, 'linkedin-version') ?? '202608');
        const body = response.json as Record<string, unknown>;
        const field = failure.field ?? 'createdAt';
        if (field === 'elements') body.elements = null;
        else if (Array.isArray(body.elements) && body.elements.length > 0) {
          const target = body.elements[Math.min(failure.index ?? 0, body.elements.length - 1)] as Record<
            string,
            unknown
          >;
          if (field === 'createdAt') target.createdAt = new Date(Number(target.createdAt)).toISOString();
          else delete target[field];
        }
        return response;
      }
    }
  }

  private dailyLimit(): FakeResponse {
    // No rate-limit headers and no Retry-After: the window is the UTC day (docs/platform-apis.md#linkedin-rate-limits).
    return restError(
      429,
      undefined,
      'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.',
      101,
    );
  }

  private overDailyLimit(): boolean {
    const now = this.clock.now();
    if (now < this.exhaustedUntil) return true;
    const key = new Date(now).toISOString().slice(0, 10);
    if (this.day.key !== key) this.day = { key, count: 0 };
    this.day.count += 1;
    return this.options.dailyLimit !== undefined && this.day.count > this.options.dailyLimit;
  }

  private isActive(version: string): boolean {
    if (this.options.isActiveVersion) return this.options.isActiveVersion(version);
    const match = /^(\d{4})(\d{2})(\.\d{2})?$/.exec(version);
    if (!match) return false;
    const now = new Date(this.clock.now());
    const months = (now.getUTCFullYear() - Number(match[1])) * 12 + (now.getUTCMonth() + 1 - Number(match[2]));
    return months >= 0 && months < 12;
  }
}

function renderPost(post: FakeLinkedInPost): Record<string, unknown> {
  return {
    id: post.urn,
    author: post.author,
    commentary: post.commentary,
    visibility: 'PUBLIC',
    lifecycleState: post.lifecycleState,
    lifecycleStateInfo: { isEditedByAuthor: post.lastModifiedAt > post.publishedAt + 1000 },
    isReshareDisabledByAuthor: false,
    createdAt: post.createdAt,
    publishedAt: post.publishedAt,
    lastModifiedAt: post.lastModifiedAt,
    distribution: { feedDistribution: 'MAIN_FEED', thirdPartyDistributionChannels: [] },
  };
}

function paging(base: string, start: number, count: number, total: number): Record<string, unknown> {
  const links: Record<string, string>[] = [];
  if (start > 0)
    links.push({ type: 'application/json', rel: 'prev', href: `${base}&start=${Math.max(0, start - count)}` });
  if (start + count < total)
    links.push({ type: 'application/json', rel: 'next', href: `${base}&start=${start + count}` });
  return { start, count, links, total };
}

function header(request: FakeRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function restError(
  status: number,
  code: string | undefined,
  message: string,
  serviceErrorCode?: number,
  headers: Record<string, string> = {},
): FakeResponse {
  const json: Record<string, unknown> = { status };
  if (serviceErrorCode !== undefined) json.serviceErrorCode = serviceErrorCode;
  if (code !== undefined) json.code = code;
  json.message = message;
  return { status, headers, json };
}

function accessDenied(resource: string): FakeResponse {
  return restError(403, 'ACCESS_DENIED', `Not enough permissions to access: ${resource}`, 100);
}

function notFound(): FakeResponse {
  return restError(404, 'NOT_FOUND', 'No virtual resource found', 0);
}
