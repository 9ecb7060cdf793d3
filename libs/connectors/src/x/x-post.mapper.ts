import {
  isJsonObject,
  readNonEmptyString,
  readNumber,
  readObject,
  readOptionalArray,
  readOptionalCount,
  readOptionalObject,
  readOptionalString,
  readString,
  readTimestamp,
  type JsonObject,
} from '../payload/payload-reader';
import { permalink } from '../permalink';
import type { NormalizedPost } from '../source-connector';
import { MalformedPayloadError } from '../connector-errors';

/** X ids are numeric strings (docs/platform-apis.md#x-response). */
export const X_ID_PATTERN = /^[0-9]{1,19}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export interface XSearchPage {
  posts: NormalizedPost[];
  newestId: string | null;
  nextToken: string | null;
  /** Partial errors of a 200 (docs/platform-apis.md#x-errors), one line each. */
  warnings: string[];
}

interface XUser {
  username: string;
  name: string;
}

/** Reads a 200 body of /2/tweets/search/{recent,all} into normalised posts (docs/platform-apis.md#x-response). */
export function readXSearchPage(body: unknown): XSearchPage {
  const root = readObject(body, '(body)');
  const meta = readObject(root.meta, 'meta');
  readNumber(meta.result_count, 'meta.result_count');
  const users = readUsers(root.includes);
  const data = readOptionalArray(root.data, 'data') ?? [];
  const posts = data.map((item, i) => readTweet(item, `data[${i}]`, users));
  const newestId = readOptionalString(meta.newest_id, 'meta.newest_id') ?? maxId(posts.map((post) => post.externalId));
  if (newestId !== null && !X_ID_PATTERN.test(newestId)) {
    throw new MalformedPayloadError('meta.newest_id', 'expected a numeric post id');
  }
  return {
    posts,
    newestId,
    nextToken: readOptionalString(meta.next_token, 'meta.next_token') || null,
    warnings: (readOptionalArray(root.errors, 'errors') ?? []).map(describePartialError),
  };
}

function readUsers(includes: unknown): Map<string, XUser> {
  const users = new Map<string, XUser>();
  const object = readOptionalObject(includes, 'includes');
  (readOptionalArray(object?.users, 'includes.users') ?? []).forEach((item, i) => {
    const path = `includes.users[${i}]`;
    const user = readObject(item, path);
    users.set(readNonEmptyString(user.id, `${path}.id`), {
      username: readString(user.username, `${path}.username`),
      name: readString(user.name, `${path}.name`),
    });
  });
  return users;
}

function readTweet(item: unknown, path: string, users: ReadonlyMap<string, XUser>): NormalizedPost {
  const tweet = readObject(item, path);
  const id = readString(tweet.id, `${path}.id`);
  if (!X_ID_PATTERN.test(id)) throw new MalformedPayloadError(`${path}.id`, 'expected a numeric string id');
  const text = readString(tweet.text, `${path}.text`);
  // Long posts are truncated in `text`; the full text is in note_tweet (docs/platform-apis.md#x-response).
  const note = readOptionalObject(tweet.note_tweet, `${path}.note_tweet`);
  const noteText = note ? readString(note.text, `${path}.note_tweet.text`) : undefined;
  const createdAt = readTimestamp(tweet.created_at, `${path}.created_at`, RFC3339, 'an RFC 3339 timestamp');
  const authorId = readOptionalString(tweet.author_id, `${path}.author_id`) ?? null;
  const author = authorId === null ? undefined : users.get(authorId);
  const metrics = readOptionalObject(tweet.public_metrics, `${path}.public_metrics`) ?? {};
  const count = (key: string): number | undefined => readOptionalCount(metrics[key], `${path}.public_metrics.${key}`);
  return {
    platform: 'x',
    externalId: id,
    parentExternalId: readRepliedTo(tweet, path),
    authorId,
    authorName: author?.username ?? null,
    text: noteText ?? text,
    language: readOptionalString(tweet.lang, `${path}.lang`) ?? null,
    createdAt,
    url: permalink({ platform: 'x', externalId: id, authorName: author?.username ?? null }),
    engagement: {
      // Every metric is optional in practice (the docs' own sample lacks two); absent counts are 0.
      likes: count('like_count') ?? 0,
      comments: count('reply_count') ?? 0,
      shares: count('retweet_count') ?? 0,
      quotes: count('quote_count') ?? 0,
      impressions: count('impression_count') ?? null,
    },
  };
}

/** A reply's parent is the post it replied to. */
function readRepliedTo(tweet: JsonObject, path: string): string | null {
  const references = readOptionalArray(tweet.referenced_tweets, `${path}.referenced_tweets`) ?? [];
  for (const [i, item] of references.entries()) {
    const reference = readObject(item, `${path}.referenced_tweets[${i}]`);
    if (reference.type === 'replied_to') return readNonEmptyString(reference.id, `${path}.referenced_tweets[${i}].id`);
  }
  return null;
}

function describePartialError(item: unknown): string {
  if (!isJsonObject(item)) return 'X reported a partial error';
  const pick = (key: string): string | undefined => (typeof item[key] === 'string' ? item[key] : undefined);
  const type = pick('type')?.split('/').pop();
  const text = pick('detail') ?? pick('message') ?? pick('title') ?? 'no detail';
  return `X partial error${type ? ` (${type})` : ''}: ${text}`;
}

function maxId(ids: readonly string[]): string | null {
  return ids.reduce<string | null>((max, id) => (max === null || BigInt(id) > BigInt(max) ? id : max), null);
}

/** Reads the array of parameter names an invalid-request problem complains about. */
export function invalidRequestParameters(body: unknown): string[] {
  if (!isJsonObject(body) || !Array.isArray(body.errors)) return [];
  return body.errors.flatMap((error: unknown) =>
    isJsonObject(error) && isJsonObject(error.parameters) ? Object.keys(error.parameters) : [],
  );
}
