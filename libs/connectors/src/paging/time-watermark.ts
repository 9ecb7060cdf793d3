import { readArray, readNumber, readObject, readString } from '../payload/payload-reader';

/**
 * The newest creation time seen, plus the ids seen at exactly that time. Platforms with second
 * (Facebook) or millisecond (LinkedIn) timestamps can publish two items in the same tick, one of
 * them after a poll: comparing on time alone would either repeat or lose one of them.
 */
export interface TimeWatermark {
  /** Epoch milliseconds. */
  readonly at: number;
  readonly ids: readonly string[];
}

/** True when (at, id) was not yet covered by the watermark. */
export function isAfterWatermark(watermark: TimeWatermark | null, at: number, id: string): boolean {
  if (!watermark) return true;
  return at > watermark.at || (at === watermark.at && !watermark.ids.includes(id));
}

/** The watermark once (at, id) has been seen. */
export function raiseWatermark(watermark: TimeWatermark | null, at: number, id: string): TimeWatermark {
  if (!watermark || at > watermark.at) return { at, ids: [id] };
  if (at === watermark.at && !watermark.ids.includes(id)) return { at, ids: [...watermark.ids, id] };
  return watermark;
}

/** Merges two watermarks (the later wins; equal times union their ids). */
export function maxWatermark(a: TimeWatermark | null, b: TimeWatermark | null): TimeWatermark | null {
  if (!a || !b) return a ?? b;
  return b.ids.reduce<TimeWatermark>((acc, id) => raiseWatermark(acc, b.at, id), a);
}

/**
 * The oldest (at, id) returned so far while paging newest-first by offset. Items inserted in front
 * shift the offsets, so a later page may repeat items already returned: those sit at or above this
 * floor and are skipped.
 */
export function isBelowFloor(floor: TimeWatermark | null, at: number, id: string): boolean {
  if (!floor) return true;
  return at < floor.at || (at === floor.at && !floor.ids.includes(id));
}

export function lowerFloor(floor: TimeWatermark | null, at: number, id: string): TimeWatermark {
  if (!floor || at < floor.at) return { at, ids: [id] };
  if (at === floor.at && !floor.ids.includes(id)) return { at, ids: [...floor.ids, id] };
  return floor;
}

/**
 * True when (at, id) lies between `floor` and `pending`, i.e. it was returned earlier in a
 * newest-first scan that has since started over.
 */
export function wasReturned(
  floor: TimeWatermark | null,
  pending: TimeWatermark | null,
  at: number,
  id: string,
): boolean {
  if (!floor || !pending) return false;
  return !isBelowFloor(floor, at, id) && !isAfterWatermark(pending, at, id);
}

export function readWatermark(value: unknown, path: string): TimeWatermark | null {
  if (value === null || value === undefined) return null;
  const object = readObject(value, path);
  return {
    at: readNumber(object.at, `${path}.at`),
    ids: readArray(object.ids, `${path}.ids`).map((id, i) => readString(id, `${path}.ids[${i}]`)),
  };
}
