import { InvalidSourceError, MalformedPayloadError } from '../connector-errors';
import type { ConnectorSettings } from '../connector-settings';
import { PlatformHttpClient, type PlatformResponse } from '../http/platform-http.client';
import { optionBoolean, optionDate, optionInteger } from '../payload/source-options';
import type { PageResult, SourceConnector, SourceCursor, SourceTarget } from '../source-connector';
import { mapXError, readXRateLimit } from './x-error.mapper';
import { invalidRequestParameters, readXSearchPage } from './x-post.mapper';
import { readXSearchCursor, type XSearchCursor } from './x-search-cursor';

/** Fields needed for text, language, time and public metrics (docs/platform-apis.md#x-request). */
const TWEET_FIELDS = 'created_at,author_id,public_metrics,lang,conversation_id,referenced_tweets,note_tweet';
const USER_FIELDS = 'username,name,verified,public_metrics';

/**
 * Options of an x_search source:
 * - `archive` (default false): full-archive search (`/2/tweets/search/all`) for backfill.
 * - `pageSize`: max_results, 10–100 for recent search (default 100), 10–500 for the archive (default 500).
 * - `startTime` / `endTime`: ISO date-times bounding the search; `startTime` applies only while no
 *   since_id is stored (the API accepts at most one of the two).
 */
export interface XSearchOptions {
  archive: boolean;
  pageSize: number;
  startTime: Date | null;
  endTime: Date | null;
}

/** The search query of an x_search source; X itself enforces the 512 / 1,024 / 4,096 limits. */
export function toXQuery(target: string): string {
  const query = target.trim();
  if (query === '') throw new InvalidSourceError('x_search needs a non-empty query');
  if (query.length > 4096) throw new InvalidSourceError('an X query is at most 4096 characters');
  return query;
}

export function readXSearchOptions(options: Readonly<Record<string, unknown>>): XSearchOptions {
  const archive = optionBoolean(options, 'archive', false);
  const max = archive ? 500 : 100;
  return {
    archive,
    pageSize: optionInteger(options, 'pageSize', max, 10, max),
    startTime: optionDate(options, 'startTime'),
    endTime: optionDate(options, 'endTime'),
  };
}

/**
 * x_search: X API v2 recent (or full-archive) search with since_id + next_token paging (docs/platform-apis.md#x-paging).
 * Each call fetches one page; the cursor carries since_id, the first page's newest_id and the
 * next_token, so a poll interrupted mid-pagination resumes exactly where it stopped.
 */
export class XSearchConnector implements SourceConnector {
  readonly kind = 'x_search' as const;
  readonly platform = 'x' as const;
  private readonly http: PlatformHttpClient;

  constructor(private readonly settings: ConnectorSettings) {
    this.http = new PlatformHttpClient({ platformName: 'X', timeoutMs: settings.timeoutMs, secrets: [settings.token] });
  }

  async fetchPage(source: SourceTarget, cursor: SourceCursor, signal?: AbortSignal): Promise<PageResult> {
    const query = toXQuery(source.target);
    const options = readXSearchOptions(source.options);
    const state = readXSearchCursor(cursor, source.target);
    const firstPage = state.nextToken === null;
    const warnings: string[] = [];

    let sinceId = state.sinceId;
    let response = await this.search(query, options, sinceId, state.nextToken, signal);
    if (firstPage && sinceId !== null && isStaleSinceId(response)) {
      // Recent search only reaches back 7 days; after a long pause the stored since_id is
      // refused, and the posts between it and the window are out of reach anyway.
      warnings.push(`since_id ${sinceId} is older than the search window; restarted from the window start`);
      sinceId = null;
      response = await this.search(query, options, null, null, signal);
    }
    const now = this.now();
    if (response.status !== 200) throw mapXError(response, now, (text) => this.http.redact(text));
    if (!response.isJson) throw new MalformedPayloadError('(body)', 'expected JSON');

    const page = readXSearchPage(response.body);
    // The first page is the newest (docs/platform-apis.md#x-paging); an empty first page hands that role to the next one.
    const pendingNewestId = firstPage ? page.newestId : (state.pendingNewestId ?? page.newestId);
    const next: XSearchCursor = page.nextToken
      ? { kind: 'x_search', target: source.target, sinceId, pendingNewestId, nextToken: page.nextToken }
      : {
          kind: 'x_search',
          target: source.target,
          sinceId: pendingNewestId ?? sinceId,
          pendingNewestId: null,
          nextToken: null,
        };
    return {
      posts: page.posts,
      cursor: next,
      hasMore: page.nextToken !== null,
      warnings: [...warnings, ...page.warnings],
      rateLimit: readXRateLimit(response.headers),
    };
  }

  private search(
    query: string,
    options: XSearchOptions,
    sinceId: string | null,
    nextToken: string | null,
    signal: AbortSignal | undefined,
  ): Promise<PlatformResponse> {
    const params: [string, string][] = [
      ['query', query],
      ['max_results', String(options.pageSize)],
    ];
    if (sinceId !== null) params.push(['since_id', sinceId]);
    else if (options.startTime) params.push(['start_time', rfc3339(options.startTime)]);
    if (options.endTime) params.push(['end_time', rfc3339(options.endTime)]);
    if (nextToken !== null) params.push(['next_token', nextToken]);
    params.push(['tweet.fields', TWEET_FIELDS], ['expansions', 'author_id'], ['user.fields', USER_FIELDS]);
    const path = options.archive ? '/2/tweets/search/all' : '/2/tweets/search/recent';
    // encodeURIComponent gives %20 for spaces, as the docs show, rather than form-style '+'.
    const search = params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
    const url = new URL(`${this.settings.baseUrl.replace(/\/+$/, '')}${path}?${search}`);
    return this.http.get(url, { authorization: `Bearer ${this.settings.token}` }, signal);
  }

  private now(): Date {
    return this.settings.now ? this.settings.now() : new Date();
  }
}

function isStaleSinceId(response: PlatformResponse): boolean {
  return response.status === 400 && invalidRequestParameters(response.body).includes('since_id');
}

/** RFC 3339 at second precision, as X examples show. */
function rfc3339(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
