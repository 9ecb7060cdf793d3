import { Inject, Injectable, Logger } from '@nestjs/common';
import { UnrecoverableError } from 'bullmq';
import type { PauseScope } from '@labpulse/alerts';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import {
  ConnectorError,
  isPlatformSourceKind,
  type NormalizedPost,
  type PageResult,
  PLATFORM_OF_KIND,
  PlatformRateLimitedError,
  type RejectedItem,
  type SourceCursor,
} from '@labpulse/connectors';
import { IngestRepository, SourceRepository, StaleCursorError, type SourceEntity } from '@labpulse/persistence';
import { JobProducer } from '@labpulse/queue';
import { ConnectorRegistry } from './connector-registry';
import { outcomeForError } from './poll-outcome';
import { SourcePauseNotifier } from './source-pause-notifier';

export interface PollSummary {
  skipped?: string;
  pages: number;
  fetched: number;
  newPosts: number;
  /** Published before the retention horizon: not stored (docs/data-lifecycle.md). */
  expired: number;
  rejected: number;
  /** Set when the platform asked us to wait: the processor pauses the whole platform queue until then. */
  delayPlatformUntil?: string;
}

// A platform source yields after this long so one busy source cannot hog a poll worker; it is
// due again at once when more pages remain (next fan-out). Imports read their file to the end.
const POLL_TIME_BUDGET_MS = 30_000;
// Posts fetched before they are stored in one transaction while more pages follow (X pages hold
// 100): a transaction per page made its round trips and commit a large share of collection time.
// bench:write-path: Postgres CPU per post falls from 250 to 1,000 posts per call and is flat beyond.
const STORE_BATCH_POSTS = 1000;
// Stored pages whose newest post is older than this are a backlog: their scoring waits behind fresh posts.
const BACKFILL_AFTER_MS = 3_600_000;

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
    private readonly pauses: SourcePauseNotifier,
  ) {}

  async poll(sourceId: string): Promise<PollSummary> {
    const summary: PollSummary = { pages: 0, fetched: 0, newPosts: 0, expired: 0, rejected: 0 };
    const source = await this.sources.findById(sourceId);
    if (!source) return { ...summary, skipped: 'source deleted' };
    if (!source.enabled) return { ...summary, skipped: 'source disabled' };
    if (source.status === 'auth_failed') return { ...summary, skipped: 'credentials rejected; edit the source' };
    const firstRejections: RejectedItem[] = [];
    let hasMore: boolean;
    try {
      ({ hasMore } = await this.fetchPages(source, summary, firstRejections));
    } catch (error) {
      if (error instanceof StaleCursorError) return { ...summary, skipped: error.message };
      if (!(error instanceof ConnectorError)) throw error; // database or Redis trouble: let BullMQ retry
      const outcome = outcomeForError(error, new Date(), source.pollIntervalSeconds);
      await this.sources.recordOutcome(source.id, outcome);
      this.logger.warn(`source ${source.id} (${source.kind}): ${error.message}`);
      if (outcome.status === 'paused' && outcome.pausedUntil)
        await this.notifyPause(
          source,
          outcome.pausedUntil,
          error.action === 'delay_platform' ? 'platform' : 'source',
          error.message,
        );
      if (error.action === 'retry') throw error;
      if (error.action === 'fail') throw new UnrecoverableError(error.message);
      if (error instanceof PlatformRateLimitedError) summary.delayPlatformUntil = error.resetAt.toISOString();
      return summary;
    }
    const exhausted = summary.delayPlatformUntil ? new Date(summary.delayPlatformUntil) : null;
    if (exhausted && isPlatformSourceKind(source.kind)) {
      // The page was fine but the window is used up: no request until its reset, for any source of
      // the platform. Shown and announced as the platform's pause, as a 429 would be.
      const reason = `${PLATFORM_OF_KIND[source.kind]} rate-limit window used up (0 requests remaining) until ${exhausted.toISOString()}`;
      await this.sources.recordOutcome(source.id, {
        status: 'paused',
        error: reason,
        nextPollAt: exhausted,
        pausedUntil: exhausted,
        success: true,
      });
      await this.notifyPause(source, exhausted, 'platform', reason);
      return summary;
    }
    const next = exhausted ?? (hasMore ? new Date() : new Date(Date.now() + source.pollIntervalSeconds * 1000));
    await this.sources.recordOutcome(source.id, {
      status: 'ok',
      error: describeRejections(summary.rejected, firstRejections),
      nextPollAt: next,
      pausedUntil: null,
      success: true,
    });
    if (source.status === 'paused' && isPlatformSourceKind(source.kind)) {
      await this.pauses.resumed(
        { id: source.id, name: source.name, platform: PLATFORM_OF_KIND[source.kind] },
        source.pausedUntil,
      );
    }
    return summary;
  }

  /**
   * A new pause is announced once (per source and end time). A platform-wide throttle pauses every
   * source of the platform: none of them will be polled until it lifts, so each shows it.
   */
  private async notifyPause(source: SourceEntity, until: Date, scope: PauseScope, reason: string): Promise<void> {
    if (!isPlatformSourceKind(source.kind)) return;
    const platform = PLATFORM_OF_KIND[source.kind];
    const others = scope === 'platform' ? await this.sources.pausePlatform(source.kind, until, reason, source.id) : [];
    const renewed = source.status === 'paused' && source.pausedUntil?.getTime() === until.getTime();
    const paused = [...(renewed ? [] : [source]), ...others].map((s) => ({ id: s.id, name: s.name, platform }));
    if (paused.length > 0) await this.pauses.paused(paused, scope, until, reason);
  }

  private async fetchPages(
    source: SourceEntity,
    summary: PollSummary,
    firstRejections: RejectedItem[],
  ): Promise<{ hasMore: boolean }> {
    const connector = this.connectors.get(source.kind);
    const target = { kind: source.kind, target: source.target, options: source.options };
    const deadline = source.kind === 'import' ? Number.POSITIVE_INFINITY : Date.now() + POLL_TIME_BUDGET_MS;
    let version = source.cursorVersion;
    // Stored but not yet queued for scoring. Pages are small (X: 100 posts); scoring jobs of a few
    // hundred ids keep per-job costs low. Should queueing never happen, the sweep finds them.
    const unqueued: string[] = [];
    // The same for pages of old posts (a first poll reading back weeks): scored after fresh posts.
    const backfill: string[] = [];
    let more = false;
    let next: Promise<PageResult> | null = connector.fetchPage(target, source.cursor);
    // Fetched pages not stored yet, with the cursor after the last of them.
    let group: { posts: NormalizedPost[]; rejected: RejectedItem[]; cursor: SourceCursor; pages: number } | null = null;
    const store = async (): Promise<void> => {
      if (!group) return;
      const { posts, rejected, cursor, pages } = group;
      group = null;
      const saved = await this.ingest.savePage(source.id, version, posts, cursor, rejected);
      version = saved.cursorVersion;
      summary.pages += pages;
      summary.fetched += posts.length;
      summary.newPosts += saved.newPostIds.length;
      summary.expired += saved.expired;
      summary.rejected += rejected.length;
      if (firstRejections.length < 3) firstRejections.push(...rejected.slice(0, 3 - firstRejections.length));
      const newest = posts.reduce((max, post) => Math.max(max, post.createdAt.getTime()), 0);
      const list = newest < Date.now() - BACKFILL_AFTER_MS ? backfill : unqueued;
      list.push(...saved.newPostIds);
      if (list.length >= this.config.queue.scoreBatchSize)
        await this.jobs.enqueueScoring(list.splice(0), { backfill: list === backfill });
    };
    try {
      while (next) {
        let page: PageResult;
        try {
          page = await next;
        } catch (error) {
          // Keep what was fetched before the failure: those pages and their cursor are consistent.
          await store().catch((e: Error) => this.logger.warn(`storing fetched pages failed: ${e.message}`));
          throw error;
        }
        const pause = rateLimitPause(page);
        if (pause) summary.delayPlatformUntil = pause.toISOString();
        more = page.hasMore;
        // The next page needs only this page's cursor, so fetch it while this one is being stored.
        next = page.hasMore && !pause && Date.now() < deadline ? connector.fetchPage(target, page.cursor) : null;
        next?.catch(() => undefined); // a failure surfaces when awaited; never as an unhandled rejection
        group ??= { posts: [], rejected: [], cursor: null, pages: 0 };
        group.posts.push(...page.posts);
        group.rejected.push(...(page.rejected ?? []));
        group.cursor = page.cursor;
        group.pages += 1;
        // Reading a backlog, pages are stored a few at a time: one transaction (pages + cursor +
        // scoring outbox) per STORE_BATCH_POSTS posts instead of one per page.
        if (next && group.posts.length < STORE_BATCH_POSTS) continue;
        await store();
      }
    } finally {
      // Also on failure: posts of the pages already committed get scored without waiting for the sweep.
      if (unqueued.length > 0)
        await this.jobs
          .enqueueScoring(unqueued.splice(0))
          .catch((e: Error) => this.logger.warn(`queueing scores failed: ${e.message}`));
      if (backfill.length > 0) {
        await this.jobs
          .enqueueScoring(backfill.splice(0), { backfill: true })
          .catch((e: Error) => this.logger.warn(`queueing scores failed: ${e.message}`));
      }
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
