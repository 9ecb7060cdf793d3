import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { sourceResumedEvent } from '@labpulse/alerts';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { isPlatformSourceKind, PLATFORM_OF_KIND, redactSecrets } from '@labpulse/connectors';
import { AppMetrics } from '@labpulse/observability';
import { OutboxRepository, type SourceEntity, SourceRepository } from '@labpulse/persistence';
import { type AnyJob, JobProducer, jobOptionsFor, POLL_QUEUE_BY_KIND, type PollQueueName } from '@labpulse/queue';
import { InvalidParametersException } from '../common/invalid-parameters.exception';
import type { CreateSourceDto } from './create-source.dto';
import { DEFAULT_PAGE_SIZE, type ListSourcesQueryDto } from './list-sources-query.dto';
import { DEFAULT_POLL_INTERVAL_SECONDS } from './source-fields';
import { decodeSourceCursor, encodeSourceCursor } from './source-page-cursor';
import { assertValidSource } from './source-validation';
import { toSourceView, type SourceView } from './source-view';
import type { UpdateSourceDto } from './update-source.dto';

export interface SourceListView {
  data: SourceView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface PollRequestView {
  sourceId: string;
  queue: PollQueueName;
  jobId: string;
  /** True when a poll of this source was already waiting or running: nothing new was added. */
  alreadyQueued: boolean;
  state: string;
}

export interface ResumeView {
  /** When the lifted pause would have ended by itself. */
  liftedPauseUntil: string | null;
  /** The platform's reason for the lifted pause. */
  liftedReason: string | null;
  /** The poll queued at once. */
  poll: PollRequestView;
  source: SourceView;
}

@Injectable()
export class SourcesService {
  private readonly secrets: string[];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sources: SourceRepository,
    private readonly jobs: JobProducer,
    private readonly outbox: OutboxRepository,
    private readonly metrics: AppMetrics,
  ) {
    const { x, facebook, linkedin } = config.platforms;
    this.secrets = [x.token, facebook.token, linkedin.token].filter((token): token is string => token !== null);
  }

  async create(dto: CreateSourceDto): Promise<SourceView> {
    const source = { kind: dto.kind, target: dto.target.trim(), options: dto.options ?? {} };
    assertValidSource(source);
    const created = await this.sources.create({
      ...source,
      name: dto.name.trim(),
      pollIntervalSeconds: dto.pollIntervalSeconds ?? DEFAULT_POLL_INTERVAL_SECONDS,
      enabled: dto.enabled ?? true,
    });
    return this.view(created);
  }

  async list(query: ListSourcesQueryDto): Promise<SourceListView> {
    const after = query.cursor === undefined ? null : decodeSourceCursor(query.cursor);
    const enabled = query.enabled === undefined ? undefined : query.enabled === 'true';
    const page = await this.sources.list(
      { kind: query.kind, status: query.status, enabled },
      after,
      query.limit ?? DEFAULT_PAGE_SIZE,
    );
    return {
      data: page.sources.map((source) => this.view(source)),
      nextCursor: page.next ? encodeSourceCursor(page.next) : null,
    };
  }

  async get(id: string): Promise<SourceView> {
    return this.view(await this.require(id));
  }

  async update(id: string, dto: UpdateSourceDto): Promise<SourceView> {
    const current = await this.require(id);
    const target = dto.target?.trim();
    if (target !== undefined || dto.options !== undefined) {
      if (!isPlatformSourceKind(current.kind)) {
        // An import's target is a path on the worker host: only the CLI may choose one.
        throw InvalidParametersException.single(
          dto.target !== undefined ? 'target' : 'options',
          'an import source can only be renamed, enabled or disabled',
        );
      }
      assertValidSource({
        kind: current.kind,
        target: target ?? current.target,
        options: dto.options ?? current.options,
      });
    }
    const updated = await this.sources.update(id, {
      name: dto.name?.trim(),
      target,
      options: dto.options,
      pollIntervalSeconds: dto.pollIntervalSeconds,
      enabled: dto.enabled,
    });
    if (!updated) throw notFound(id); // deleted in the meantime
    return this.view(updated);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.sources.delete(id))) throw notFound(id);
  }

  /** Queues one poll now. The job id is per source, so a poll already waiting or running absorbs this one. */
  async pollNow(id: string): Promise<PollRequestView> {
    const source = await this.require(id);
    assertPollable(source);
    const job: AnyJob = { queue: POLL_QUEUE_BY_KIND[source.kind], name: 'poll', data: { sourceId: source.id } };
    const jobId = String(jobOptionsFor(job).jobId);
    const queue = this.jobs.queue(job.queue);
    const alreadyQueued = (await queue.getJob(jobId)) !== undefined;
    await this.jobs.enqueue(job);
    return {
      sourceId: source.id,
      queue: POLL_QUEUE_BY_KIND[source.kind],
      jobId,
      alreadyQueued,
      state: await queue.getJobState(jobId),
    };
  }

  /**
   * An operator lifts a quota pause: the source is polled at once (a platform-wide throttle's hold
   * on the platform's poll queue is lifted too), and receivers get `source.resumed`. If the
   * platform still refuses, that poll pauses the source again, with the platform's new reason.
   */
  async resume(id: string): Promise<ResumeView> {
    const source = await this.require(id);
    if (!source.enabled)
      throw new ConflictException(`source ${id} is disabled; enable it (PATCH {"enabled": true}) first`);
    const lifted = source.status === 'paused' ? await this.sources.resume(id) : null;
    if (!lifted)
      throw new ConflictException(
        `source ${id} is not paused (status ${source.status}); POST /v1/sources/${id}/poll polls it now`,
      );
    if (isPlatformSourceKind(source.kind)) {
      const ref = { id, name: source.name, platform: PLATFORM_OF_KIND[source.kind] };
      this.metrics.sourceResumes.inc({ platform: ref.platform, trigger: 'operator' });
      const pending = await this.outbox.writeEvent(
        sourceResumedEvent(
          ref,
          { trigger: 'operator', pausedUntil: lifted.pausedUntil },
          new Date(),
          this.config.alerts.publicBaseUrl,
        ),
      );
      await this.jobs.enqueueMany(
        pending.map((p) => ({ queue: 'deliver', name: 'deliver', data: { deliveryId: p.deliveryId, round: p.round } })),
      );
    }
    await this.jobs.queue(POLL_QUEUE_BY_KIND[source.kind]).removeRateLimitKey();
    const poll = await this.pollNow(id);
    return {
      liftedPauseUntil: lifted.pausedUntil?.toISOString() ?? null,
      liftedReason: lifted.lastError === null ? null : redactSecrets(lifted.lastError, this.secrets),
      poll,
      source: await this.get(id),
    };
  }

  private async require(id: string): Promise<SourceEntity> {
    const source = await this.sources.findById(id);
    if (!source) throw notFound(id);
    return source;
  }

  private view(source: SourceEntity): SourceView {
    return toSourceView(source, (text) => redactSecrets(text, this.secrets));
  }
}

function assertPollable(source: SourceEntity): void {
  if (!source.enabled) {
    throw new ConflictException(
      `source ${source.id} is disabled; enable it (PATCH {"enabled": true}) before polling it`,
    );
  }
  if (source.status === 'auth_failed') {
    throw new ConflictException(
      `the platform rejected the credentials of source ${source.id}; fix the token in the server's configuration, then PATCH the source (an empty body will do) to re-arm it`,
    );
  }
  if (source.pausedUntil && source.pausedUntil.getTime() > Date.now()) {
    throw new ConflictException(
      `source ${source.id} is paused by the platform's quota until ${source.pausedUntil.toISOString()}; POST /v1/sources/${source.id}/resume lifts the pause and polls it now`,
    );
  }
}

function notFound(id: string): NotFoundException {
  return new NotFoundException(`unknown source: ${id}`);
}
