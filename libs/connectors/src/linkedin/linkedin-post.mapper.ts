import { MalformedPayloadError } from '../connector-errors';
import {
  isJsonObject,
  readArray,
  readEpochMillis,
  readObject,
  readOptionalCount,
  readOptionalObject,
  readOptionalString,
  readString,
  type JsonObject,
} from '../payload/payload-reader';
import { permalink } from '../permalink';
import type { NormalizedPost } from '../source-connector';
import { commentaryToText } from './linkedin-commentary.mapper';

/** An element of a Rest.li collection: its URN and sort time always, the post when it has text. */
export interface LinkedInItem {
  urn: string;
  /** createdAt of a post / created.time of a comment, epoch ms: the order paging relies on. */
  sortAt: number;
  post: NormalizedPost | null;
}

export interface LinkedInPage {
  items: LinkedInItem[];
  /** `start` of paging.links[rel=next], when the platform gives one. */
  nextStart: number | null;
  /** Whether paging.links listed any link: then a missing `next` means the last page. */
  hasLinks: boolean;
}

/** Reads a posts finder page (docs/platform-apis.md#linkedin-posts-finder). */
export function readPostsPage(body: unknown): LinkedInPage {
  const root = readObject(body, '(body)');
  const items = readArray(root.elements, 'elements').map((item, i) => readPost(item, `elements[${i}]`));
  return { items, ...readLinks(root) };
}

/** Reads a socialActions comments page (docs/platform-apis.md#linkedin-comments); comments become posts with a parent. */
export function readCommentsPage(body: unknown, parentUrn: string): LinkedInPage {
  const root = readObject(body, '(body)');
  const items = readArray(root.elements, 'elements').map((item, i) => readComment(item, `elements[${i}]`, parentUrn));
  return { items, ...readLinks(root) };
}

function readPost(item: unknown, path: string): LinkedInItem {
  const post = readObject(item, path);
  const urn = readUrn(post.id, `${path}.id`);
  const createdAt = readEpochMillis(post.createdAt, `${path}.createdAt`);
  const publishedAt =
    post.publishedAt === undefined || post.publishedAt === null
      ? createdAt
      : readEpochMillis(post.publishedAt, `${path}.publishedAt`);
  const text = commentaryToText(readOptionalString(post.commentary, `${path}.commentary`) ?? '').trim();
  const state = readOptionalString(post.lifecycleState, `${path}.lifecycleState`);
  const normalized: NormalizedPost | null =
    text === '' || state === 'DRAFT'
      ? null
      : {
          platform: 'linkedin',
          externalId: urn,
          parentExternalId: null,
          authorId: readOptionalString(post.author, `${path}.author`) ?? null,
          authorName: null,
          text,
          language: null,
          createdAt: publishedAt,
          url: permalink({ platform: 'linkedin', externalId: urn }),
          // Counts live behind socialActions / share statistics, not on the post (docs/platform-apis.md#linkedin-engagement).
          engagement: { likes: 0, comments: 0, shares: 0, quotes: null, impressions: null },
        };
  return { urn, sortAt: createdAt.getTime(), post: normalized };
}

function readComment(item: unknown, path: string, parentUrn: string): LinkedInItem {
  const comment = readObject(item, path);
  const urn = commentUrn(comment, path);
  const created = readObject(comment.created, `${path}.created`);
  const createdAt = readEpochMillis(created.time, `${path}.created.time`);
  const message = readOptionalObject(comment.message, `${path}.message`);
  const text = commentaryToText(message ? (readOptionalString(message.text, `${path}.message.text`) ?? '') : '').trim();
  const likes = readOptionalObject(comment.likesSummary, `${path}.likesSummary`);
  const replies = readOptionalObject(comment.commentsSummary, `${path}.commentsSummary`);
  const normalized: NormalizedPost | null =
    text === ''
      ? null
      : {
          platform: 'linkedin',
          externalId: urn,
          parentExternalId: parentUrn,
          authorId: readOptionalString(comment.actor, `${path}.actor`) ?? null,
          authorName: null,
          text,
          language: null,
          createdAt,
          // Derived from the comment URN (the API has no permalink field): the link LinkedIn's own "Copy link to comment" gives.
          url: permalink({ platform: 'linkedin', externalId: urn }),
          engagement: {
            likes: likes
              ? (readOptionalCount(likes.totalLikes, `${path}.likesSummary.totalLikes`) ??
                readOptionalCount(likes.aggregatedTotalLikes, `${path}.likesSummary.aggregatedTotalLikes`) ??
                0)
              : 0,
            comments: replies
              ? (readOptionalCount(
                  replies.aggregatedTotalComments,
                  `${path}.commentsSummary.aggregatedTotalComments`,
                ) ?? 0)
              : 0,
            shares: 0,
            quotes: null,
            impressions: null,
          },
        };
  return { urn, sortAt: createdAt.getTime(), post: normalized };
}

/** `commentUrn`, else `$URN`, else built from `object` and `id` (docs/platform-apis.md#linkedin-comments). */
function commentUrn(comment: JsonObject, path: string): string {
  const direct =
    readOptionalString(comment.commentUrn, `${path}.commentUrn`) ?? readOptionalString(comment.$URN, `${path}.$URN`);
  if (direct) return readUrn(direct, `${path}.commentUrn`);
  const id = readOptionalString(comment.id, `${path}.id`);
  const object = readOptionalString(comment.object, `${path}.object`);
  if (id && object) return `urn:li:comment:(${object},${id})`;
  throw new MalformedPayloadError(`${path}.commentUrn`, 'expected a comment URN (commentUrn, $URN or object + id)');
}

function readUrn(value: unknown, path: string): string {
  const urn = readString(value, path);
  if (!urn.startsWith('urn:li:'))
    throw new MalformedPayloadError(path, `expected a urn:li: URN, got "${urn.slice(0, 40)}"`);
  return urn;
}

function readLinks(root: JsonObject): { nextStart: number | null; hasLinks: boolean } {
  const paging = readOptionalObject(root.paging, 'paging');
  if (!paging || !Array.isArray(paging.links) || paging.links.length === 0) return { nextStart: null, hasLinks: false };
  for (const link of paging.links) {
    if (!isJsonObject(link) || link.rel !== 'next' || typeof link.href !== 'string') continue;
    const start = Number(new URL(link.href, 'https://api.linkedin.com').searchParams.get('start'));
    if (Number.isInteger(start) && start >= 0) return { nextStart: start, hasLinks: true };
  }
  return { nextStart: null, hasLinks: true };
}
