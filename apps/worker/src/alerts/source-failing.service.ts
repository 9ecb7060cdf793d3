import { Injectable, Logger } from '@nestjs/common';
import { buildSourceFailingPayload, serializeWebhookPayload } from '@labpulse/alerts';
import {
  OutboxRepository,
  type PendingDelivery,
  type SourceHealthRow,
  SourceRepository,
  type StoredAlertRule,
} from '@labpulse/persistence';

// One failed poll is routine (the next one usually catches up); this many in a row is an outage.
export const SOURCE_FAILING_AFTER = 3;
const UNHEALTHY = new Set(['failing', 'auth_failed']);

/**
 * Raises one `source.failing` event per failing episode of a collecting source (keyed by the
 * source and when it last worked), so receivers learn that a platform's numbers are incomplete;
 * the coverage guard meanwhile suppresses that platform's alerts instead of reporting a crash.
 */
@Injectable()
export class SourceFailingService {
  private readonly logger = new Logger(SourceFailingService.name);

  constructor(
    private readonly sources: SourceRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  async check(now: number, rules: readonly StoredAlertRule[], labs: readonly string[]): Promise<PendingDelivery[]> {
    const sources = await this.sources.sourceHealth();
    const failing = sources.filter((s) => UNHEALTHY.has(s.status) && s.consecutiveFailures >= SOURCE_FAILING_AFTER);
    const pending: PendingDelivery[] = [];
    for (const source of failing) {
      const coverage = platformCoverage(sources, source.platform);
      const suppressedLabs = new Set<string>();
      for (const rule of rules) {
        // A rule over all platforms leaves a failing platform out and goes on with the others
        // (collection-coverage.ts): it is suppressed only when none of them collects.
        const platforms = rule.platform === 'all' ? [...new Set(sources.map((s) => s.platform))] : [rule.platform];
        if (
          platforms.includes(source.platform) &&
          platforms.every((p) => collectingShare(sources, p) < rule.minCoverage)
        ) {
          for (const lab of rule.labId ? [rule.labId] : labs) suppressedLabs.add(lab);
        }
      }
      const payload = buildSourceFailingPayload(
        {
          sourceId: source.sourceId,
          sourceName: source.name,
          platform: source.platform,
          failingSince: new Date(source.failingSince),
          lastError: source.lastError,
          coverage,
          suppressedLabs: [...suppressedLabs].sort(),
        },
        new Date(now),
      );
      const written = await this.outbox.writeEvent({
        type: payload.type,
        dedupeKey: `source-failing:${source.sourceId}:${new Date(source.failingSince).toISOString()}`,
        alertId: null,
        sourceId: source.sourceId,
        sequence: null,
        occurredAt: new Date(now),
        body: serializeWebhookPayload(payload),
      });
      if (written.length > 0)
        this.logger.warn(
          `source ${source.sourceId} (${source.platform}) is failing; notified ${written.length} endpoint(s)`,
        );
      pending.push(...written);
    }
    return pending;
  }
}

/** Share of the platform's collecting sources that are healthy right now. */
function platformCoverage(sources: readonly SourceHealthRow[], platform: string): number {
  const mine = sources.filter((s) => s.platform === platform);
  if (mine.length === 0) return 1;
  return mine.filter((s) => !UNHEALTHY.has(s.status)).length / mine.length;
}

/** Share of the platform's sources collecting right now (a paused source is not collecting). */
function collectingShare(sources: readonly SourceHealthRow[], platform: string): number {
  const mine = sources.filter((s) => s.platform === platform);
  if (mine.length === 0) return 1;
  return mine.filter((s) => s.status === 'ok').length / mine.length;
}
