import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { type JobHandlers, dispatchJob } from '../jobs/job-dispatch';
import { webhookBackoff } from './delivery-errors';
import { DeliveryService } from './delivery.service';

// An attempt lasts at most WEBHOOK_TIMEOUT_MS (15 s) and the lock is renewed every 5 s, so a short
// lock and stall check only change one thing: a delivery whose worker died is retried within ~20 s.
const LOCK_MS = 10_000;
const STALLED_CHECK_MS = 5_000;

/** One webhook attempt per run; failures come back on the Svix schedule via webhookBackoff. */
@Processor('deliver', {
  autorun: false,
  lockDuration: LOCK_MS,
  stalledInterval: STALLED_CHECK_MS,
  settings: { backoffStrategy: webhookBackoff },
})
export class DeliverProcessor extends WorkerHost {
  private readonly handlers: JobHandlers<'deliver'> = {
    deliver: (job) => this.delivery.attempt(job.data.deliveryId, job.data.round),
  };

  constructor(private readonly delivery: DeliveryService) {
    super();
  }

  process(job: Job): Promise<unknown> {
    return dispatchJob('deliver', this.handlers, job);
  }
}
