import { readArray, readNonEmptyString, readNumber, readObject } from '../payload/payload-reader';
import { readWatermark, type TimeWatermark } from './time-watermark';

/**
 * A recent post whose comments are still followed, with the newest comment seen on it. Kept in the
 * cursor because the connector has no database: comments arrive on posts seen in earlier polls.
 */
export interface TrackedPost {
  readonly id: string;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  readonly comments: TimeWatermark | null;
}

export interface CommentTracking {
  /** Follow comments of posts at most this old. */
  lookbackMs: number;
  /** At most this many posts, the newest kept. */
  maxPosts: number;
}

export function trackPost(tracked: readonly TrackedPost[], id: string, createdAt: number): TrackedPost[] {
  return tracked.some((post) => post.id === id) ? [...tracked] : [...tracked, { id, createdAt, comments: null }];
}

/** Drops posts past the look-back window and keeps the newest `maxPosts`, newest first. */
export function pruneTracked(tracked: readonly TrackedPost[], now: Date, tracking: CommentTracking): TrackedPost[] {
  const oldest = now.getTime() - tracking.lookbackMs;
  return tracked
    .filter((post) => post.createdAt >= oldest)
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1))
    .slice(0, tracking.maxPosts);
}

export function replaceTracked(tracked: readonly TrackedPost[], index: number, post: TrackedPost): TrackedPost[] {
  return tracked.map((existing, i) => (i === index ? post : existing));
}

export function readTrackedPosts(value: unknown, path: string): TrackedPost[] {
  return readArray(value, path).map((item, i) => {
    const object = readObject(item, `${path}[${i}]`);
    return {
      id: readNonEmptyString(object.id, `${path}[${i}].id`),
      createdAt: readNumber(object.createdAt, `${path}[${i}].createdAt`),
      comments: readWatermark(object.comments, `${path}[${i}].comments`),
    };
  });
}
