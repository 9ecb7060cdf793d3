import { createRequire } from 'node:module';

/**
 * autocannon 9 appends every response body to a string (PipelinedRequestsQueue.addBody) for the
 * callbacks that read bodies, which this benchmark does not use. On the 135 KB trend answers that
 * UTF-8 decoding was two thirds of autocannon's CPU (CPU profile), so one autocannon thread, not
 * the API, set the pace (~375 req/s). Dropping the bodies leaves status, byte counts and latency as
 * they were. Fails loudly if an autocannon upgrade moves the method.
 */
export function dropAutocannonBodies(): void {
  const load = createRequire(require.resolve('autocannon'));
  const queue = load('./lib/pipelinedRequestsQueue') as { prototype: { addBody?: unknown } };
  if (typeof queue.prototype.addBody !== 'function')
    throw new Error('autocannon changed: PipelinedRequestsQueue.addBody is gone; revisit bench/autocannon-bodies.ts');
  queue.prototype.addBody = () => undefined;
}
