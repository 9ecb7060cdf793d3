import type { SourceKind } from './source-connector';

/** The kinds a platform API serves (connector-registry's PlatformSourceKind, named here without importing it back). */
type PlatformSourceKind = Exclude<SourceKind, 'import'>;

/** One option a source kind reads: its name as sent, its JSON type, and what it does (with default and range). */
export interface SourceOptionDoc {
  name: string;
  type: 'boolean' | 'integer' | 'number' | 'string';
  description: string;
}

/** The options of the page connectors that follow the comments of recent posts (paging/tracked-posts). */
function followedComments(kind: { top: string; pageSize: number }): SourceOptionDoc[] {
  return [
    {
      name: 'comments',
      type: 'boolean',
      description: `also collect the ${kind.top}comments of recent posts, default true`,
    },
    {
      name: 'commentsLookbackHours',
      type: 'number',
      description: 'how long after a post its comments are followed, 0-2160 hours, default 48',
    },
    {
      name: 'maxTrackedPosts',
      type: 'integer',
      description: 'how many recent posts have their comments followed, 0-500, default 25',
    },
    { name: 'commentPageSize', type: 'integer', description: `comments per request, 1-100, default ${kind.pageSize}` },
    {
      name: 'initialLookbackDays',
      type: 'number',
      description: 'how far back the first poll reads, 0-3650 days, default 30',
    },
  ];
}

/**
 * Every option each platform source kind reads: what the sources API accepts (any other key is a
 * 400 naming it), and what the README and OpenAPI document. The readers next to each connector
 * apply them; a test checks both agree.
 */
export const SOURCE_OPTIONS: Readonly<Record<PlatformSourceKind, readonly SourceOptionDoc[]>> = {
  x_search: [
    {
      name: 'archive',
      type: 'boolean',
      description:
        'full-archive search (/2/tweets/search/all) for backfill; needs pay-per-use or Enterprise access. Default false',
    },
    {
      name: 'pageSize',
      type: 'integer',
      description: 'posts per request: 10-100 (default 100); 10-500 with archive (default 500)',
    },
    {
      name: 'startTime',
      type: 'string',
      description: 'ISO 8601 date-time: the oldest posts the first poll reads (until a newest id is stored)',
    },
    { name: 'endTime', type: 'string', description: 'ISO 8601 date-time: no post after it is read' },
  ],
  facebook_page: [
    {
      name: 'edge',
      type: 'string',
      description: "the Page edge read: posts (default), published_posts or feed (includes visitors' posts)",
    },
    { name: 'pageSize', type: 'integer', description: 'posts per request, 1-100, default 100' },
    ...followedComments({ top: 'top-level ', pageSize: 100 }),
  ],
  linkedin_org: [
    { name: 'pageSize', type: 'integer', description: 'posts per request, 1-100, default 50' },
    ...followedComments({ top: '', pageSize: 50 }),
  ],
};

/** The option keys of `options` that `kind` does not read. */
export function unknownOptionKeys(kind: PlatformSourceKind, options: Readonly<Record<string, unknown>>): string[] {
  const known = new Set(SOURCE_OPTIONS[kind].map((o) => o.name));
  return Object.keys(options).filter((key) => !known.has(key));
}
