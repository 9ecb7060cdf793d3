import { FailureSwitch, type RequestPredicate } from './failure-switch';
import type { FakeClock } from './fake-clock';
import { FakeHttpServer, type FakeRequest, type FakeResponse, type RecordedRequest } from './fake-http-server';

/**
 * What every fake platform shares: a real HTTP server on 127.0.0.1, its request log, switchable
 * failure modes of type F, and an injectable clock. Subclasses only answer requests.
 */
export abstract class FakePlatformServer<F> {
  protected readonly failures = new FailureSwitch<F>();
  private http!: FakeHttpServer;

  protected constructor(readonly clock: FakeClock) {}

  /** Starts listening; called by each subclass's static start(). */
  protected async listen(): Promise<void> {
    this.http = await FakeHttpServer.start((request) => this.handle(request), this.clock);
  }

  protected abstract handle(request: FakeRequest): FakeResponse;

  get baseUrl(): string {
    return this.http.baseUrl;
  }

  get requests(): readonly RecordedRequest[] {
    return this.http.requests;
  }

  clearRequests(): void {
    this.http.clearRequests();
  }

  /** Fail the next `times` (default 1) requests, or only those matching `when`. */
  failNext(mode: F, options?: { times?: number; when?: RequestPredicate }): void {
    this.failures.next(mode, options);
  }

  failAlways(mode: F, options?: { when?: RequestPredicate }): void {
    this.failures.always(mode, options);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
