/**
 * Drives the API with autocannon and splits latency by endpoint: with one request in flight per
 * connection, the request a connection is on when a response arrives is the one answered.
 */
import autocannon from 'autocannon';

export interface LoadTarget {
  /** Endpoint label for the report, e.g. "trends". */
  label: string;
  path: string;
}

export interface LatencyStats {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

export interface LoadResult {
  total: LatencyStats & { errors: number; timeouts: number; mbPerSecond: number };
  byLabel: Record<string, LatencyStats>;
  /** Filled by the caller when it can read the server's CPU time. */
  apiCpuUsPerRequest?: number;
}

interface ClientWithIterator {
  requestIterator?: { currentRequest?: { path?: string } };
}

export interface LoadOptions {
  urls: string[];
  headers: Record<string, string>;
  targets: LoadTarget[];
  connections: number;
  seconds: number;
  /** autocannon worker threads; with more than one, latency comes from autocannon's own histogram (one target only). */
  workers?: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if ((options.workers ?? 1) > 1) return runWithWorkers(options);
  const labelOf = new Map(options.targets.map((t) => [t.path, t.label]));
  const samples = new Map<string, { ms: number[]; non2xx: number }>();
  const all: number[] = [];
  let finished: (result: autocannon.Result) => void = () => undefined;
  let failed: (error: Error) => void = () => undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finished = resolve;
    failed = reject;
  });
  const instance = autocannon(
    {
      url: options.urls.length === 1 ? options.urls[0] : (options.urls as unknown as string),
      connections: options.connections,
      pipelining: 1,
      duration: options.seconds,
      headers: options.headers,
      requests: options.targets.map((t) => ({ method: 'GET' as const, path: t.path })),
      timeout: 30,
    },
    (error: Error | null, result: autocannon.Result) => (error ? failed(error) : finished(result)),
  );
  instance.on('response', (client: autocannon.Client, statusCode: number, _bytes: number, responseTime: number) => {
    const path = (client as unknown as ClientWithIterator).requestIterator?.currentRequest?.path ?? '';
    const label = labelOf.get(path) ?? 'other';
    let entry = samples.get(label);
    if (!entry) samples.set(label, (entry = { ms: [], non2xx: 0 }));
    entry.ms.push(responseTime);
    all.push(responseTime);
    if (statusCode < 200 || statusCode > 299) entry.non2xx += 1;
  });
  const result = await done;
  const byLabel: Record<string, LatencyStats> = {};
  for (const [label, entry] of samples) byLabel[label] = stats(entry.ms, entry.non2xx, result.duration);
  return {
    total: {
      ...stats(all, result.non2xx, result.duration),
      errors: result.errors,
      timeouts: result.timeouts,
      mbPerSecond: result.throughput.average / 1_048_576,
    },
    byLabel,
  };
}

/**
 * autocannon reads every response body into a string, which on big answers makes a single
 * autocannon thread the bottleneck before the API is; worker threads spread that cost.
 */
async function runWithWorkers(options: LoadOptions): Promise<LoadResult> {
  if (options.targets.length !== 1) throw new Error('worker mode drives one target');
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: options.urls.length === 1 ? options.urls[0] : (options.urls as unknown as string),
        connections: options.connections,
        pipelining: 1,
        duration: options.seconds,
        headers: options.headers,
        requests: [{ method: 'GET', path: options.targets[0].path }],
        workers: options.workers,
        timeout: 30,
      } as autocannon.Options,
      (error: Error | null, r: autocannon.Result) => (error ? reject(error) : resolve(r)),
    );
  });
  const answered = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
  const stats: LatencyStats = { requests: answered, rps: answered / result.duration, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
  return {
    total: { ...stats, errors: result.errors, timeouts: result.timeouts, mbPerSecond: result.throughput.average / 1_048_576 },
    byLabel: { [options.targets[0].label]: stats },
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function stats(ms: number[], non2xx: number, seconds: number): LatencyStats {
  const sorted = [...ms].sort((a, b) => a - b);
  return { requests: ms.length, rps: ms.length / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), non2xx };
}
