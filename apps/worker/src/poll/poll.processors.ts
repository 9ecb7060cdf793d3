import type { Type } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import type { PollPayload, PollQueueName } from '@labpulse/queue';
import { type PollSummary, PollService } from './poll.service';

/** BullMQ binds a worker to one queue, so each poll queue gets its own class; all delegate to PollService. */
function pollProcessor(queue: PollQueueName): Type<WorkerHost> {
  @Processor(queue, { autorun: false })
  class PollProcessor extends WorkerHost {
    constructor(private readonly polls: PollService) {
      super();
    }

    process(job: Job<PollPayload>): Promise<PollSummary> {
      return this.polls.poll(job.data.sourceId);
    }
  }
  Object.defineProperty(PollProcessor, 'name', { value: `PollProcessor(${queue})` });
  return PollProcessor;
}

export const POLL_PROCESSORS: Record<PollQueueName, Type<WorkerHost>> = {
  'poll-x': pollProcessor('poll-x'),
  'poll-facebook': pollProcessor('poll-facebook'),
  'poll-linkedin': pollProcessor('poll-linkedin'),
  import: pollProcessor('import'),
};
