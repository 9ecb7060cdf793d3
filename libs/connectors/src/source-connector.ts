/**
 * The contract every platform client implements. Connectors speak a platform's wire format and
 * return normalised posts plus the cursor to store; they know nothing about queues or the database.
 */
export const PLATFORMS = ['x', 'facebook', 'linkedin'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const SOURCE_KINDS = ['x_search', 'facebook_page', 'linkedin_org', 'import'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Normalised engagement (docs/platform-apis.md#normalised-post). Counts a platform does not give are null. */
export interface Engagement {
  likes: number;
  comments: number;
  shares: number;
  quotes: number | null;
  impressions: number | null;
}

export interface NormalizedPost {
  platform: Platform;
  externalId: string;
  /** Set for comments: the platform id of the post commented on. */
  parentExternalId: string | null;
  authorId: string | null;
  authorName: string | null;
  text: string;
  /** BCP 47 tag as the platform reports it; null when the platform says nothing. */
  language: string | null;
  createdAt: Date;
  url: string | null;
  engagement: Engagement;
}

/** Opaque, JSON-serialisable paging state that the poller stores after each page. */
export type SourceCursor = Readonly<Record<string, unknown>> | null;

export interface SourceTarget {
  kind: SourceKind;
  /** The query (x_search), page id (facebook_page) or organization URN (linkedin_org). */
  target: string;
  options: Readonly<Record<string, unknown>>;
}

export interface PageResult {
  posts: NormalizedPost[];
  /** State to store once these posts are saved; passing it back fetches the next page. */
  cursor: SourceCursor;
  /** True when another page is available right now; false when the poll has caught up. */
  hasMore: boolean;
  /** Non-fatal problems (e.g. X partial errors on a 200) worth recording on the source. */
  warnings: string[];
  /** Items of this page that could not be read; the rest of the page is still kept. */
  rejected?: RejectedItem[];
  /** What the platform said about its rate limit on this response, when it said anything. */
  rateLimit?: RateLimitSnapshot;
}

/** Rate-limit state read from a successful response's headers; parts the platform omits are null. */
export interface RateLimitSnapshot {
  /** Requests left in the current window (X `x-rate-limit-remaining`). */
  remaining: number | null;
  /** Window size in requests (X `x-rate-limit-limit`). */
  limit: number | null;
  /** When the window resets (X `x-rate-limit-reset`). */
  resetAt: Date | null;
  /** Highest usage percentage, 0-100 (Facebook `x-app-usage` / `x-business-use-case-usage`). */
  usagePercent: number | null;
}

export interface RejectedItem {
  /** Where in the input, e.g. "line 7" or "data[3]". */
  location: string;
  /** Which field and why, e.g. "created_at: not an ISO 8601 timestamp". */
  reason: string;
  excerpt: string;
}

export interface SourceConnector {
  readonly kind: SourceKind;
  /** The platform of every post it returns; null when posts carry their own (file import). */
  readonly platform: Platform | null;
  fetchPage(source: SourceTarget, cursor: SourceCursor, signal?: AbortSignal): Promise<PageResult>;
}
