import type { FakeRequest } from './fake-http-server';

export type RequestPredicate = (request: FakeRequest) => boolean;

interface FailureRule<M> {
  mode: M;
  remaining: number;
  when: RequestPredicate | undefined;
}

/**
 * Switchable failure modes of a fake server: one-shot (`next`) or persistent (`always`), optionally
 * limited to matching requests (e.g. only the comments endpoint, only the second page).
 */
export class FailureSwitch<M> {
  private rules: FailureRule<M>[] = [];

  /** Fail the next `times` (default 1) matching requests with `mode`, after earlier scheduled rules. */
  next(mode: M, options: { times?: number; when?: RequestPredicate } = {}): void {
    this.rules.push({ mode, remaining: options.times ?? 1, when: options.when });
  }

  /** Fail every matching request with `mode` until `clear()`. */
  always(mode: M, options: { when?: RequestPredicate } = {}): void {
    this.rules.push({ mode, remaining: Number.POSITIVE_INFINITY, when: options.when });
  }

  clear(): void {
    this.rules = [];
  }

  /** The mode this request must fail with, consuming one use of its rule; null to answer normally. */
  take(request: FakeRequest): M | null {
    const rule = this.rules.find((candidate) => !candidate.when || candidate.when(request));
    if (!rule) return null;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    return rule.mode;
  }
}
