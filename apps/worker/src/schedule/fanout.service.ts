import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { RollupRepository, ScoringRepository, SourceRepository } from '@labpulse/persistence';
import { type AnyJob, JobProducer, POLL_QUEUE_BY_KIND } from '@labpulse/queue';

const SOURCES_PER_TICK = 500;
// A post still unscored this long after it was stored lost its score job (crash before enqueue).
const STRANDED_AFTER_SECONDS = 300;
const STRANDED_PER_TICK = 20_000;

/** The periodic tick: poll due sources, and re-queue work a crash may have stranded. */
@Injectable()
export class FanoutService {
  private readonly logger = new Logger(FanoutService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: SourceRepository,
    private readonly scoring: ScoringRepository,
    private readonly rollups: RollupRepository,
    private readonly jobs: JobProducer,
  ) {}

  async tick(): Promise<{ polls: number; stranded: number; dirty: number }> {
    const due = await this.sources.claimDue(SOURCES_PER_TICK);
    // One failing enqueue must not stop the others: each source's job is added on its own.
    const results = await Promise.allSettled(
      due.map((source) => this.jobs.enqueue({ queue: POLL_QUEUE_BY_KIND[source.kind], name: 'poll', data: { sourceId: source.id } })),
    );
    results.forEach((result, i) => {
      if (result.status === 'rejected') this.logger.error(`could not queue poll of source ${due[i].id}: ${String(result.reason)}`);
    });
    const stranded = await this.scoring.claimStrandedPending(STRANDED_AFTER_SECONDS, STRANDED_PER_TICK);
    const size = this.config.queue.scoreBatchSize;
    const jobs: AnyJob[] = [];
    for (let i = 0; i < stranded.length; i += size) jobs.push({ queue: 'score', name: 'score', data: { postIds: stranded.slice(i, i + size) } });
    const dirty = await this.rollups.countDirty();
    if (dirty > 0) jobs.push({ queue: 'aggregate', name: 'aggregate', data: {} });
    if (jobs.length > 0) await this.jobs.enqueueMany(jobs);
    return { polls: due.length, stranded: stranded.length, dirty };
  }
}
