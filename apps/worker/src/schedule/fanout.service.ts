import { Injectable, Logger } from '@nestjs/common';
import { RollupRepository, ScoringRepository, SourceRepository } from '@labpulse/persistence';
import { JobProducer, POLL_QUEUE_BY_KIND } from '@labpulse/queue';

const SOURCES_PER_TICK = 500;
// A post still unscored this long after it was stored lost its score job (crash before enqueue).
const STRANDED_AFTER_SECONDS = 300;
const STRANDED_PER_TICK = 20_000;

export interface FanoutResult {
  polls: number;
  stranded: number;
  dirty: number;
}

/** The periodic tick: poll due sources, and re-queue work a crash may have stranded. */
@Injectable()
export class FanoutService {
  private readonly logger = new Logger(FanoutService.name);

  constructor(
    private readonly sources: SourceRepository,
    private readonly scoring: ScoringRepository,
    private readonly rollups: RollupRepository,
    private readonly jobs: JobProducer,
  ) {}

  async tick(): Promise<FanoutResult> {
    const due = await this.sources.claimDue(SOURCES_PER_TICK);
    // One failing enqueue must not stop the others: each source's job is added on its own.
    const results = await Promise.allSettled(
      due.map((source) =>
        this.jobs.enqueue({ queue: POLL_QUEUE_BY_KIND[source.kind], name: 'poll', data: { sourceId: source.id } }),
      ),
    );
    results.forEach((result, i) => {
      if (result.status === 'rejected')
        this.logger.error(`could not queue poll of source ${due[i].id}: ${String(result.reason)}`);
    });
    const stranded = await this.scoring.claimStrandedPending(STRANDED_AFTER_SECONDS, STRANDED_PER_TICK);
    await this.jobs.enqueueScoring(stranded);
    const dirty = await this.rollups.countDirty();
    if (dirty > 0) await this.jobs.enqueue({ queue: 'aggregate', name: 'aggregate', data: {} });
    return { polls: due.length, stranded: stranded.length, dirty };
  }
}
