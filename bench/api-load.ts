/**
 * Drives the API with autocannon, closed loop (each connection sends its next request when the
 * last one is answered), latency split by endpoint: with one request in flight per connection, the
 * request a connection is on when a response arrives is the one answered. It finds the throughput
 * ceiling; latency is then connections / throughput by construction (Little's law). The open-loop
 * runs (a fixed request rate) are in open-loop-load.ts.
 */
import autocannon from 'autocannon';
import { dropAutocannonBodies } from './autocannon-bodies';

dropAutocannonBodies();

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
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
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

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function stats(ms: number[], non2xx: number, seconds: number): LatencyStats {
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    requests: ms.length,
    rps: ms.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    non2xx,
  };
}
