import type { INestApplication } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { JobProducer, QUEUE_NAMES } from '@labpulse/queue';
import { ApiKeyService } from '../auth/api-key.service';
import { queueBoardAuth } from './queue-board-auth.middleware';

export const QUEUE_BOARD_PATH = '/admin/queues';

/** Bull Board over every queue of the catalogue at /admin/queues, for admin keys only. */
export function mountQueueBoard(app: INestApplication): void {
  const jobs = app.get(JobProducer);
  const board = new ExpressAdapter();
  board.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({ queues: QUEUE_NAMES.map((name) => new BullMQAdapter(jobs.queue(name))), serverAdapter: board });
  // The board is an Express app of its own, which would announce itself (the main app does not).
  const router = board.getRouter() as { disable?: (setting: string) => void };
  router.disable?.('x-powered-by');
  app.use(QUEUE_BOARD_PATH, queueBoardAuth(app.get(ApiKeyService)), board.getRouter());
}
