import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { ConnectorError, type PageResult, PlatformRateLimitedError, type RejectedItem } from '@labpulse/connectors';
import { IngestRepository, SourceRepository, StaleCursorError, type SourceEntity } from '@labpulse/persistence';
import { JobProducer } from '@labpulse/queue';
import { ConnectorRegistry } from './connector-registry';
import { outcomeForError } from './poll-outcome';

export interface PollSummary {
  skipped?: string;
  pages: number;
  fetched: number;
  newPosts: number;
  rejected: number;
  /** Set when the platform asked us to wait: the processor pauses the whole platform queue until then. */
  delayPlatformUntil?: string;
}

// A platform source yields after this long so one busy source cannot hog a poll worker; it is
// due again at once when more pages remain (next fan-out). Imports read their file to the end.
const POLL_TIME_BUDGET_MS = 30_000;

/**
 * One poll of one source: fetch from the stored cursor, store each page with its cursor in one
 * transaction, then queue scoring of the new posts.
 */
@Injectable()
export class PollService {
  private readonly logger = new Logger(PollService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: SourceRepository,
    private readonly ingest: IngestRepository,
    private readonly connectors: ConnectorRegistry,
    private readonly jobs: JobProducer,
  ) {}

  async poll(sourceId: string): Promise<PollSummary> {
    const summary: PollSummary = { pages: 0, fetched: 0, newPosts: 0, rejected: 0 };
    const source = await this.sources.findById(sourceId);
    if (!source) return { ...summary, skipped: 'source deleted' };
    if (!source.enabled) return { ...summary, skipped: 'source disabled' };
    if (source.status === 'auth_failed') return { ...summary, skipped: 'credentials rejected; edit the source' };
    const firstRejections: RejectedItem[] = [];
    let hasMore = false;
    try {
      ({ hasMore } = await this.fetchPages(source, summary, firstRejections));
    } catch (error) {
      if (error instanceof StaleCursorError) return { ...summary, skipped: error.message };
      if (!(error instanceof ConnectorError)) throw error; // database or Redis trouble: let BullMQ retry
      await this.sources.recordOutcome(source.id, outcomeForError(error, new Date(), source.pollIntervalSeconds));
      this.logger.warn(`source ${source.id} (${source.kind}): ${error.message}`);
      if (error.action === 'retry') throw error;
      if (error.action === 'fail') throw new UnrecoverableError(error.message);
      if (error instanceof PlatformRateLimitedError) summary.delayPlatformUntil = error.resetAt.toISOString();
      return summary;
    }
    const exhausted = summary.delayPlatformUntil ? new Date(summary.delayPlatformUntil) : null;
    const next = exhausted ?? (hasMore ? new Date() : new Date(Date.now() + source.pollIntervalSeconds * 1000));
    await this.sources.recordOutcome(source.id, {
      status: 'ok',
      error: describeRejections(summary.rejected, firstRejections),
      nextPollAt: next,
      pausedUntil: null,
      success: true,
    });
    return summary;
  }

  private async fetchPages(source: SourceEntity, summary: PollSummary, firstRejections: RejectedItem[]): Promise<{ hasMore: boolean }> {
    const connector = this.connectors.get(source.kind);
    const target = { kind: source.kind, target: source.target, options: source.options };
    const deadline = source.kind === 'import' ? Number.POSITIVE_INFINITY : Date.now() + POLL_TIME_BUDGET_MS;
    let version = source.cursorVersion;
    // Stored but not yet queued for scoring. Pages are small (X: 100 posts); scoring jobs of a few
    // hundred ids keep per-job costs low. Should queueing never happen, the sweep finds them.
    const unqueued: string[] = [];
    let more = false;
    let next: Promise<PageResult> | null = connector.fetchPage(target, source.cursor);
    try {
      while (next) {
        const page: PageResult = await next;
        const pause = rateLimitPause(page);
        if (pause) summary.delayPlatformUntil = pause.toISOString();
        more = page.hasMore;
        // The next page needs only this page's cursor, so fetch it while this one is being stored.
        next = page.hasMore && !pause && Date.now() < deadline ? connector.fetchPage(target, page.cursor) : null;
        next?.catch(() => undefined); // a failure surfaces when awaited; never as an unhandled rejection
        const rejected = page.rejected ?? [];
        const saved = await this.ingest.savePage(source.id, version, page.posts, page.cursor, rejected);
        version = saved.cursorVersion;
        summary.pages += 1;
        summary.fetched += page.posts.length;
        summary.newPosts += saved.newPostIds.length;
        summary.rejected += rejected.length;
        if (firstRejections.length < 3) firstRejections.push(...rejected.slice(0, 3 - firstRejections.length));
        unqueued.push(...saved.newPostIds);
        if (unqueued.length >= this.config.queue.scoreBatchSize) await this.jobs.enqueueScoring(unqueued.splice(0));
      }
    } finally {
      // Also on failure: posts of the pages already committed get scored without waiting for the sweep.
      if (unqueued.length > 0) await this.jobs.enqueueScoring(unqueued.splice(0)).catch((e: Error) => this.logger.warn(`queueing scores failed: ${e.message}`));
    }
    return { hasMore: more };
  }

}

/** The platform says its window is used up: stop before it answers 429 and resume at its reset. */
function rateLimitPause(page: PageResult): Date | null {
  const limit = page.rateLimit;
  return limit?.remaining === 0 && limit.resetAt && limit.resetAt.getTime() > Date.now() ? limit.resetAt : null;
}

function describeRejections(count: number, first: RejectedItem[]): string | null {
  if (count === 0) return null;
  return `${count} item(s) rejected; first: ${first.map((r) => `${r.location}: ${r.reason}`).join('; ')}`;
}
