import type { NormalizedPost, PageResult, SourceConnector, SourceCursor, SourceTarget } from '@labpulse/connectors';

export interface DrainResult {
  posts: NormalizedPost[];
  /** The cursor after the last page fetched. */
  cursor: SourceCursor;
  pages: PageResult[];
  warnings: string[];
  /** False when stopped by `maxPages` with more pages pending (a simulated crash). */
  finished: boolean;
}

/**
 * Calls fetchPage the way the poller does, feeding each page's cursor to the next call until
 * hasMore is false. `maxPages` stops early, leaving the cursor a restarted poller would resume from.
 */
export async function drainConnector(
  connector: SourceConnector,
  source: SourceTarget,
  cursor: SourceCursor,
  options: { maxPages?: number; signal?: AbortSignal } = {},
): Promise<DrainResult> {
  const maxPages = options.maxPages ?? 10_000;
  const result: DrainResult = { posts: [], cursor, pages: [], warnings: [], finished: false };
  while (result.pages.length < maxPages) {
    // A JSON round trip, as the poller stores the cursor in a jsonb column.
    const stored: SourceCursor = JSON.parse(JSON.stringify(result.cursor)) as SourceCursor;
    const page = await connector.fetchPage(source, stored, options.signal);
    result.pages.push(page);
    result.posts.push(...page.posts);
    result.warnings.push(...page.warnings);
    result.cursor = page.cursor;
    if (!page.hasMore) {
      result.finished = true;
      break;
    }
  }
  return result;
}
