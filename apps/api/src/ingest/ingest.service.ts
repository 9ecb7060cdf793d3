import { Injectable, Logger } from '@nestjs/common';
import type { NormalizedPost } from '@labpulse/connectors';
import { IngestRepository } from '@labpulse/persistence';
import { JobProducer } from '@labpulse/queue';
import { InvalidParametersException } from '../common/invalid-parameters.exception';
import type { IngestBatchDto } from './ingest-batch.dto';
import { type ItemRejection, parseIngestItem } from './parse-ingest-item';

/**
 * Rejections recorded in ingest_rejections per request; the answer still lists every one. Without
 * a bound, each refused 1,000-post request wrote 1,000 rows.
 */
export const MAX_RECORDED_REJECTIONS = 20;

export interface IngestResult {
  received: number;
  /** Stored as new posts and queued for scoring. */
  accepted: number;
  /** Valid, but already stored (or repeated within this batch): nothing changed. */
  duplicates: number;
  /** Valid, but published before the retention horizon: not stored (docs/data-lifecycle.md). */
  expired: number;
  rejected: number;
  rejections: Array<Pick<ItemRejection, 'index' | 'parameter' | 'message'>>;
}

/** Pushed posts: stored like a poll's page (unique per platform and id, scoring outbox), then scored. */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);

  constructor(
    private readonly ingest: IngestRepository,
    private readonly jobs: JobProducer,
  ) {}

  async push(dto: IngestBatchDto): Promise<IngestResult> {
    const posts = new Map<string, NormalizedPost>();
    const rejections: ItemRejection[] = [];
    let valid = 0;
    for (const [index, item] of dto.posts.entries()) {
      const parsed = parseIngestItem(item, index);
      if (!parsed.ok) {
        rejections.push(parsed.rejection);
        continue;
      }
      valid += 1;
      // First copy wins, as the unique key would decide anyway.
      const key = `${parsed.post.platform}:${parsed.post.externalId}`;
      if (!posts.has(key)) posts.set(key, parsed.post);
    }
    const { newPostIds: newIds, expired } = await this.ingest.saveBatch(
      [...posts.values()],
      rejections
        .slice(0, MAX_RECORDED_REJECTIONS)
        .map((r) => ({ location: `posts[${r.index}]`, reason: r.reason, excerpt: r.excerpt })),
    );
    if (valid === 0)
      throw new InvalidParametersException(rejections.map((r) => ({ parameter: r.parameter, message: r.message })));
    await this.enqueueScoring(newIds);
    return {
      received: dto.posts.length,
      accepted: newIds.length,
      duplicates: valid - newIds.length - expired,
      expired,
      rejected: rejections.length,
      rejections: rejections.map(({ index, parameter, message }) => ({ index, parameter, message })),
    };
  }

  /** After the commit. If Redis fails here the posts wait in pending_scores, and the sweep queues them. */
  private async enqueueScoring(postIds: string[]): Promise<void> {
    try {
      await this.jobs.enqueueScoring(postIds);
    } catch (error) {
      this.logger.warn(
        `${postIds.length} pushed post(s) stored; scoring left to the sweep: ${(error as Error).message}`,
      );
    }
  }
}
