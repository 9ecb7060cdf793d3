import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeClock } from './fake-clock';

export interface FakeRequest {
  readonly method: string;
  /** Path as sent, still percent-encoded. */
  readonly path: string;
  /** Path segments, percent-decoded (so encoded URNs come back whole). */
  readonly segments: readonly string[];
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
}

export interface FakeResponse {
  status: number;
  headers?: Readonly<Record<string, string>>;
  /** Serialised with JSON.stringify. */
  json?: unknown;
  /** Sent verbatim instead of `json` (for malformed bodies). */
  raw?: string;
  /** Hold the answer this long in real time; Infinity never answers (the client must time out). */
  delayMs?: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** Decoded query; a repeated parameter keeps its last value. */
  readonly query: Readonly<Record<string, string>>;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly status: number;
  /** The fake clock's time when the request arrived. */
  readonly at: Date;
}

export type FakeHandler = (request: FakeRequest) => FakeResponse;

/**
 * A real node:http server on 127.0.0.1 with an ephemeral port: records every request, answers
 * with whatever the platform-specific handler decides, and can hold answers to simulate slowness.
 */
export class FakeHttpServer {
  private readonly log: RecordedRequest[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly held = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    private readonly clock: FakeClock,
    private readonly logLimit: number,
  ) {}

  static async start(handler: FakeHandler, clock: FakeClock, logLimit = 20_000): Promise<FakeHttpServer> {
    let instance: FakeHttpServer | undefined;
    const server = createServer((req, res) => {
      // Fakes only answer GETs with no body; drain anything sent anyway.
      req.resume();
      instance?.handle(handler, req.method ?? 'GET', req.url ?? '/', req.headers, res);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    instance = new FakeHttpServer(server, `http://127.0.0.1:${port}`, clock, logLimit);
    return instance;
  }

  /** Every request received so far, oldest first (the oldest are dropped past the log limit). */
  get requests(): readonly RecordedRequest[] {
    return this.log;
  }

  clearRequests(): void {
    this.log.length = 0;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const res of this.held) res.destroy();
    this.held.clear();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(
    handler: FakeHandler,
    method: string,
    rawUrl: string,
    headers: IncomingHttpHeaders,
    res: ServerResponse,
  ): void {
    const url = new URL(rawUrl, this.baseUrl);
    const request: FakeRequest = {
      method,
      path: url.pathname,
      segments: url.pathname
        .split('/')
        .filter((segment) => segment !== '')
        .map(safeDecode),
      query: url.searchParams,
      headers,
    };
    let response: FakeResponse;
    try {
      response = handler(request);
    } catch (error) {
      response = { status: 500, json: { error: error instanceof Error ? error.message : String(error) } };
    }
    this.record(request, response.status);
    const send = (): void => {
      this.held.delete(res);
      if (res.destroyed) return;
      const body = response.raw ?? (response.json === undefined ? '' : JSON.stringify(response.json));
      res.writeHead(response.status, {
        'content-type': 'application/json; charset=utf-8',
        ...response.headers,
        'content-length': String(Buffer.byteLength(body)),
      });
      res.end(body);
    };
    const delay = response.delayMs ?? 0;
    if (delay <= 0) return send();
    this.held.add(res);
    res.once('close', () => this.held.delete(res));
    if (delay === Number.POSITIVE_INFINITY) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send();
    }, delay);
    this.timers.add(timer);
  }

  private record(request: FakeRequest, status: number): void {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    this.log.push({
      method: request.method,
      path: request.path,
      query: Object.fromEntries(request.query),
      headers,
      status,
      at: new Date(this.clock.now()),
    });
    if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
