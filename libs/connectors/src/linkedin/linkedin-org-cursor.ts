import { MalformedPayloadError } from '../connector-errors';
import { readStoredCursor } from '../paging/stored-cursor';
import { readTrackedPosts, type TrackedPost } from '../paging/tracked-posts';
import { readWatermark, type TimeWatermark } from '../paging/time-watermark';
import { readArray, readNumber, readObject, readString, type JsonObject } from '../payload/payload-reader';
import type { SourceCursor } from '../source-connector';

/** Where a poll in progress stands; offsets are Rest.li `start` values. */
export type LinkedInPollState =
  | {
      readonly phase: 'posts';
      readonly start: number;
      /** Newest post createdAt seen by this poll; becomes the watermark when the scan ends. */
      readonly pending: TimeWatermark | null;
      /**
       * Oldest post returned by this poll. Posts published mid-scan shift the offsets, so a later
       * page can repeat posts already returned: those are at or above this floor and skipped.
       */
      readonly floor: TimeWatermark | null;
    }
  | {
      readonly phase: 'comments';
      /** Index into `tracked` of the post whose comments are being read. */
      readonly index: number;
      readonly start: number;
      readonly pending: TimeWatermark | null;
      /** Comment URNs returned by this scan: comment order is undocumented, so repeats are filtered by id. */
      readonly seen: readonly string[];
    };

/**
 * Paging state of a linkedin_org source: the posts finder newest-first by creation time down to
 * `watermark`, then every comment of each tracked recent post newer than its own watermark.
 */
export type LinkedInOrgCursor = {
  readonly kind: 'linkedin_org';
  readonly target: string;
  readonly watermark: TimeWatermark | null;
  readonly tracked: readonly TrackedPost[];
  readonly poll: LinkedInPollState | null;
};

export function readLinkedInOrgCursor(cursor: SourceCursor, target: string): LinkedInOrgCursor {
  const parsed = readStoredCursor(cursor, 'linkedin_org', target, (object: JsonObject): LinkedInOrgCursor => ({
    kind: 'linkedin_org',
    target,
    watermark: readWatermark(object.watermark, 'watermark'),
    tracked: readTrackedPosts(object.tracked ?? [], 'tracked'),
    poll: readPoll(object.poll),
  }));
  return parsed ?? { kind: 'linkedin_org', target, watermark: null, tracked: [], poll: null };
}

function readPoll(value: unknown): LinkedInPollState | null {
  if (value === null || value === undefined) return null;
  const poll = readObject(value, 'poll');
  const start = readNumber(poll.start, 'poll.start');
  const pending = readWatermark(poll.pending, 'poll.pending');
  if (poll.phase === 'posts') return { phase: 'posts', start, pending, floor: readWatermark(poll.floor, 'poll.floor') };
  if (poll.phase === 'comments') {
    const seen = readArray(poll.seen ?? [], 'poll.seen').map((id, i) => readString(id, `poll.seen[${i}]`));
    return { phase: 'comments', index: readNumber(poll.index, 'poll.index'), start, pending, seen };
  }
  throw new MalformedPayloadError('poll.phase', 'expected posts or comments');
}
