import { z } from 'zod';
import { PLATFORMS, type NormalizedPost } from '../source-connector';

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
// likes, comments, shares and quotes are Postgres integers; a larger count would fail the whole batch.
const intCount = z.number().int().min(0).max(2_147_483_647);
// Postgres text cannot hold U+0000, and an unpaired UTF-16 surrogate is no character at all.
// eslint-disable-next-line no-control-regex -- NUL is exactly what must be refused
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const text = () =>
  z.string().refine((value) => !UNSTORABLE.test(value), 'must not contain NUL (U+0000) or unpaired surrogates');
/** No platform we read has posts before this (X opened in March 2006). */
const EARLIEST_POST = '2006-01-01T00:00:00Z';
// Clocks differ, and a platform may stamp a post slightly ahead; later than this is refused.
const FUTURE_TOLERANCE_MS = 86_400_000;

function parseTimestamp(value: string): Date {
  return new Date(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** Date.parse rolls 2026-02-30 over to March 2 and accepts hour 24: the fields must read back as written. */
function isRealDateTime(value: string): boolean {
  const ms = parseTimestamp(value).getTime();
  if (Number.isNaN(ms)) return false;
  const [year, month, day, hour, minute, second] = value.split(/[-T:.Z+]/).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    hour <= 23 &&
    minute <= 59 &&
    (Number.isNaN(second) || second <= 59)
  );
}

function withinPostWindow(at: Date): boolean {
  return at.getTime() >= Date.parse(EARLIEST_POST) && at.getTime() <= Date.now() + FUTURE_TOLERANCE_MS;
}

const isoTimestamp = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/,
    'must be an ISO 8601 timestamp with a time zone',
  )
  .refine(isRealDateTime, 'must be a real date and time (2026-02-30 is not)')
  .refine(
    (value) => withinPostWindow(parseTimestamp(value)),
    `must be from ${EARLIEST_POST.slice(0, 4)} to at most a day from now (a later date would sort first forever)`,
  );

/** One post per line of an import file (docs/getting-started.md, "Importing files"). */
export const importLineSchema = z
  .object({
    platform: z.enum(PLATFORMS),
    id: z.union([text().min(1).max(200), z.number().int().nonnegative()]).transform(String),
    author: text().max(500).nullish(),
    author_id: text().max(200).nullish(),
    text: text().min(1, 'must not be empty').max(100_000),
    created_at: isoTimestamp,
    language: text().max(35).nullish(),
    url: z.url().max(2_000).nullish(),
    parent_id: text().max(200).nullish(),
    engagement: z
      .object({
        likes: intCount.default(0),
        comments: intCount.default(0),
        shares: intCount.default(0),
        quotes: intCount.nullish(),
        impressions: count.nullish(),
      })
      .strict()
      .default({ likes: 0, comments: 0, shares: 0 }),
  })
  .strict();

export type ImportLine = z.infer<typeof importLineSchema>;

export function toNormalizedPost(line: ImportLine): NormalizedPost {
  return {
    platform: line.platform,
    externalId: line.id,
    parentExternalId: line.parent_id ?? null,
    authorId: line.author_id ?? line.author ?? null,
    authorName: line.author ?? null,
    text: line.text,
    language: line.language ?? null,
    createdAt: new Date(line.created_at.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')),
    url: line.url ?? null,
    engagement: {
      likes: line.engagement.likes,
      comments: line.engagement.comments,
      shares: line.engagement.shares,
      quotes: line.engagement.quotes ?? null,
      impressions: line.engagement.impressions ?? null,
    },
  };
}
