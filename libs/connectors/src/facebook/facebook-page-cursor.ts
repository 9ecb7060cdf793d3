import { readStoredCursor } from '../paging/stored-cursor';
import { readTrackedPosts, type TrackedPost } from '../paging/tracked-posts';
import { readWatermark, type TimeWatermark } from '../paging/time-watermark';
import { MalformedPayloadError } from '../connector-errors';
import { readNumber, readObject, readOptionalString, type JsonObject } from '../payload/payload-reader';
import type { SourceCursor } from '../source-connector';

/**
 * Where a poll in progress stands. `next` is the platform's paging.next with the access token
 * removed, relative to the base URL (path and query); null means the first page of that scan.
 */
export type FacebookPollState =
  | {
      readonly phase: 'posts';
      readonly next: string | null;
      /** Newest post seen by this poll; committed as the watermark once the feed is exhausted. */
      readonly pending: TimeWatermark | null;
      /** Oldest post returned by this scan: after a restart, items from floor to pending are repeats. */
      readonly floor: TimeWatermark | null;
      /** Set once a stale paging cursor made this scan start over (only one restart per scan). */
      readonly restarted: boolean;
    }
  | {
      readonly phase: 'comments';
      /** Index into `tracked` of the post whose comments are being read. */
      readonly index: number;
      readonly next: string | null;
      readonly pending: TimeWatermark | null;
      readonly floor: TimeWatermark | null;
      readonly restarted: boolean;
    };

/**
 * Paging state of a facebook_page source. A poll reads the page feed newer than `watermark`, then
 * the comments of every tracked recent post newer than that post's own comment watermark.
 */
export type FacebookPageCursor = {
  readonly kind: 'facebook_page';
  readonly target: string;
  /** Newest post created_time stored, with the ids at that second. */
  readonly watermark: TimeWatermark | null;
  /** Recent posts whose comments are followed, each with its comment watermark. */
  readonly tracked: readonly TrackedPost[];
  /** Null between polls. */
  readonly poll: FacebookPollState | null;
};

export function readFacebookPageCursor(cursor: SourceCursor, target: string): FacebookPageCursor {
  const parsed = readStoredCursor(cursor, 'facebook_page', target, (object: JsonObject): FacebookPageCursor => ({
    kind: 'facebook_page',
    target,
    watermark: readWatermark(object.watermark, 'watermark'),
    tracked: readTrackedPosts(object.tracked ?? [], 'tracked'),
    poll: readPoll(object.poll),
  }));
  return parsed ?? { kind: 'facebook_page', target, watermark: null, tracked: [], poll: null };
}

function readPoll(value: unknown): FacebookPollState | null {
  if (value === null || value === undefined) return null;
  const poll = readObject(value, 'poll');
  const next = readOptionalString(poll.next, 'poll.next') ?? null;
  const pending = readWatermark(poll.pending, 'poll.pending');
  const floor = readWatermark(poll.floor, 'poll.floor');
  const restarted = poll.restarted === true;
  if (poll.phase === 'posts') return { phase: 'posts', next, pending, floor, restarted };
  if (poll.phase === 'comments') {
    return { phase: 'comments', index: readNumber(poll.index, 'poll.index'), next, pending, floor, restarted };
  }
  throw new MalformedPayloadError('poll.phase', 'expected posts or comments');
}
