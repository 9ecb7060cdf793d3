import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  type PauseScope,
  type SourcePauseEvent,
  type SourceRef,
  sourcePausedEvent,
  sourceResumedEvent,
} from '@labpulse/alerts';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { AppMetrics } from '@labpulse/observability';
import { OutboxRepository } from '@labpulse/persistence';
import { DeliveryDispatcher } from '../alerts/delivery-dispatcher.service';

/**
 * Tells receivers (webhooks `source.paused` / `source.resumed`) and Prometheus that a source stopped
 * or started collecting because of a platform quota. Best effort: a failure here is logged and
 * never fails the poll (the pause itself is already stored on the source).
 */
@Injectable()
export class SourcePauseNotifier {
  private readonly logger = new Logger(SourcePauseNotifier.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly outbox: OutboxRepository,
    private readonly dispatcher: DeliveryDispatcher,
    private readonly metrics: AppMetrics,
  ) {}

  async paused(sources: readonly SourceRef[], scope: PauseScope, until: Date, reason: string): Promise<void> {
    const now = new Date();
    for (const source of sources) this.metrics.sourcePauses.inc({ platform: source.platform, scope });
    await this.write(
      sources.map((source) =>
        sourcePausedEvent(source, { scope, until, reason }, now, this.config.alerts.publicBaseUrl),
      ),
    );
  }

  async resumed(source: SourceRef, pausedUntil: Date | null): Promise<void> {
    this.metrics.sourceResumes.inc({ platform: source.platform, trigger: 'expired' });
    await this.write([
      sourceResumedEvent(source, { trigger: 'expired', pausedUntil }, new Date(), this.config.alerts.publicBaseUrl),
    ]);
  }

  private async write(events: readonly SourcePauseEvent[]): Promise<void> {
    try {
      for (const event of events) await this.dispatcher.dispatch(await this.outbox.writeEvent(event));
    } catch (error) {
      // The evaluation pass's sweep re-queues a delivery written but not queued.
      this.logger.warn(`notifying a source pause failed: ${(error as Error).message}`);
    }
  }
}
