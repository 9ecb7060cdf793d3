import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

/** Latencies of GET /health, probed on a connection of its own at a fixed interval. */
export class HealthProbe {
  readonly latenciesMs: number[] = [];
  failures = 0;
  private readonly agent = new Agent({ connections: 1, keepAliveTimeout: 30_000 });
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly everyMs: number,
    private readonly timeoutMs: number,
  ) {}

  start(): void {
    const probe = (): void => {
      const started = performance.now();
      request(this.url, { dispatcher: this.agent, headersTimeout: this.timeoutMs, bodyTimeout: this.timeoutMs })
        .then(async (res) => {
          await res.body.dump();
          if (res.statusCode !== 200) this.failures += 1;
          this.latenciesMs.push(performance.now() - started);
        })
        .catch(() => {
          // A probe that got no answer counts as the slowest possible one.
          this.failures += 1;
          this.latenciesMs.push(this.timeoutMs);
        });
    };
    this.timer = setInterval(probe, this.everyMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.agent.close();
  }

  percentile(p: number): number {
    const sorted = [...this.latenciesMs].sort((a, b) => a - b);
    if (sorted.length === 0) return Number.NaN;
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  }
}

/** Resident memory of a process (Linux /proc), sampled at a fixed interval. */
export class RssSampler {
  maxBytes = 0;
  firstBytes = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pid: number,
    private readonly everyMs: number,
  ) {}

  start(): void {
    this.firstBytes = this.sample();
    this.timer = setInterval(() => this.sample(), this.everyMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }

  sample(): number {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      const bytes = kb ? Number(kb[1]) * 1024 : 0;
      this.maxBytes = Math.max(this.maxBytes, bytes);
      return bytes;
    } catch {
      return 0;
    }
  }
}
