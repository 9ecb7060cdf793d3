import { MalformedPayloadError } from '../connector-errors';
import {
  describeValue,
  readArray,
  readNonEmptyString,
  readObject,
  readOptionalCount,
  readOptionalObject,
  readOptionalString,
  type JsonObject,
} from '../payload/payload-reader';
import { permalink } from '../permalink';
import type { NormalizedPost } from '../source-connector';

/** Graph date-times: `2026-08-20T14:03:11+0000` (docs/platform-apis.md#timestamps). */
const GRAPH_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:?\d{2})$/;

/** A feed or comment item: its id and time always, the post only when it has text to score. */
export interface GraphItem {
  /** Null for comments whose ids Graph withholds (Page Public Content Access, docs/platform-apis.md#facebook-comments). */
  id: string | null;
  createdAt: Date;
  post: NormalizedPost | null;
}

export interface GraphPage {
  items: GraphItem[];
  /** paging.next as sent (absolute URL, token included); null on the last page. */
  next: string | null;
}

/** Reads a /{page-id}/posts (or /feed) page (docs/platform-apis.md#facebook-post-fields). */
export function readFeedPage(body: unknown): GraphPage {
  const root = readObject(body, '(body)');
  const items = readArray(root.data, 'data').map((item, i) => readFeedItem(item, `data[${i}]`));
  return { items, next: readNext(root) };
}

/** Reads a /{post-id}/comments page (docs/platform-apis.md#facebook-comments); comments become posts with a parent. */
export function readCommentsPage(body: unknown, parentId: string): GraphPage {
  const root = readObject(body, '(body)');
  const items = readArray(root.data, 'data').map((item, i) => readComment(item, `data[${i}]`, parentId));
  return { items, next: readNext(root) };
}

function readFeedItem(item: unknown, path: string): GraphItem {
  const post = readObject(item, path);
  const id = readNonEmptyString(post.id, `${path}.id`);
  const createdAt = readGraphTime(post.created_time, `${path}.created_time`);
  // Score `message`; fall back to the generated `story`; a post with neither has nothing to score (docs/platform-apis.md#normalised-post).
  const text = readOptionalString(post.message, `${path}.message`) ?? readOptionalString(post.story, `${path}.story`);
  const from = readOptionalObject(post.from, `${path}.from`);
  const shares = readOptionalObject(post.shares, `${path}.shares`);
  const normalized: NormalizedPost | null = text
    ? {
        platform: 'facebook',
        externalId: id,
        parentExternalId: null,
        authorId: from ? (readOptionalString(from.id, `${path}.from.id`) ?? null) : null,
        authorName: from ? (readOptionalString(from.name, `${path}.from.name`) ?? null) : null,
        text,
        language: null,
        createdAt,
        url: readOptionalString(post.permalink_url, `${path}.permalink_url`) ?? null,
        engagement: {
          likes: summaryCount(post, 'reactions', path),
          comments: summaryCount(post, 'comments', path),
          // `shares` is omitted entirely when there are none (docs/platform-apis.md#facebook-post-fields).
          shares: shares ? (readOptionalCount(shares.count, `${path}.shares.count`) ?? 0) : 0,
          quotes: null,
          impressions: null,
        },
      }
    : null;
  return { id, createdAt, post: normalized };
}

function readComment(item: unknown, path: string, parentId: string): GraphItem {
  const comment = readObject(item, path);
  const id = readOptionalString(comment.id, `${path}.id`) || null;
  const createdAt = readGraphTime(comment.created_time, `${path}.created_time`);
  const text = readOptionalString(comment.message, `${path}.message`);
  const from = readOptionalObject(comment.from, `${path}.from`);
  const normalized: NormalizedPost | null =
    id && text
      ? {
          platform: 'facebook',
          externalId: id,
          parentExternalId: parentId,
          authorId: from ? (readOptionalString(from.id, `${path}.from.id`) ?? null) : null,
          authorName: from ? (readOptionalString(from.name, `${path}.from.name`) ?? null) : null,
          text,
          language: null,
          createdAt,
          // Graph's own link when it gives one; else the post's link with ?comment_id= (the form Facebook uses).
          url:
            readOptionalString(comment.permalink_url, `${path}.permalink_url`) ??
            permalink({ platform: 'facebook', externalId: id, parentExternalId: parentId }),
          engagement: {
            likes: readOptionalCount(comment.like_count, `${path}.like_count`) ?? 0,
            comments: readOptionalCount(comment.comment_count, `${path}.comment_count`) ?? 0,
            shares: 0,
            quotes: null,
            impressions: null,
          },
        }
      : null;
  return { id, createdAt, post: normalized };
}

/** `reactions.summary.total_count` / `comments.summary.total_count`; absent means 0. */
function summaryCount(post: JsonObject, edge: 'reactions' | 'comments', path: string): number {
  const object = readOptionalObject(post[edge], `${path}.${edge}`);
  const summary = object ? readOptionalObject(object.summary, `${path}.${edge}.summary`) : undefined;
  return summary ? (readOptionalCount(summary.total_count, `${path}.${edge}.summary.total_count`) ?? 0) : 0;
}

function readNext(root: JsonObject): string | null {
  const paging = readOptionalObject(root.paging, 'paging');
  return (paging ? readOptionalString(paging.next, 'paging.next') : undefined) || null;
}

export function readGraphTime(value: unknown, path: string): Date {
  if (typeof value !== 'string' || !GRAPH_TIME.test(value)) {
    throw new MalformedPayloadError(
      path,
      `expected a Graph date-time like 2026-08-20T14:03:11+0000, got ${describeValue(value)}`,
    );
  }
  // `+0000` is not ISO 8601's `+00:00`; normalise before parsing rather than trust the engine.
  const ms = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (Number.isNaN(ms)) throw new MalformedPayloadError(path, `unreadable date-time ${value}`);
  return new Date(ms);
}
