import { Injectable } from '@nestjs/common';
import { OutboxRepository, type PendingDelivery } from '@labpulse/persistence';
import { JobProducer } from '@labpulse/queue';

// A pending delivery this old without a job lost it to a crash between commit and enqueue.
const STRANDED_AFTER_MS = 60_000;
const STRANDED_PER_SWEEP = 1_000;

/**
 * Queues committed outbox deliveries. The job id is the delivery id (per round), so queueing a
 * delivery twice, from here and from the sweep, is a no-op.
 */
@Injectable()
export class DeliveryDispatcher {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly jobs: JobProducer,
  ) {}

  async dispatch(pending: readonly PendingDelivery[]): Promise<void> {
    if (pending.length === 0) return;
    await this.jobs.enqueueMany(
      pending.map((p) => ({ queue: 'deliver', name: 'deliver', data: { deliveryId: p.deliveryId, round: p.round } })),
    );
  }

  /** Re-queues pending deliveries whose job may have been lost; returns how many were looked at. */
  async sweep(): Promise<number> {
    const stranded = await this.outbox.strandedDeliveries(STRANDED_AFTER_MS, STRANDED_PER_SWEEP);
    await this.dispatch(stranded);
    return stranded.length;
  }
}
