import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { mock } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { waitFor } from './wait-for';

/** How the receiver answers one request. */
export type ReceiverBehaviour =
  /** A plain answer. */
  | { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: string }
  /** Never answers (the sender must time out); the socket is closed when the receiver closes. */
  | { readonly hang: true }
  /** 200 with headers, then one byte every `intervalMs`, never finishing (a slow drip). */
  | { readonly drip: true; readonly intervalMs: number }
  /** 200 with a body of `bytes` bytes, streamed as fast as the sender reads it. */
  | { readonly hugeBody: true; readonly bytes: number };

export interface ReceivedWebhook {
  /** Real time it arrived (ms). */
  readonly receivedAt: number;
  readonly method: string;
  readonly path: string;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body exactly as received. */
  readonly raw: Buffer;
  readonly body: string;
  readonly behaviour: ReceiverBehaviour;
}

const OK: ReceiverBehaviour = { status: 204 };

/**
 * A webhook receiver for tests: a real HTTP server on 127.0.0.1 (ephemeral port) that records
 * every request byte for byte, counts the TCP connections it accepts (an SSRF test expects zero),
 * and answers from a script of behaviours (then 204 by default).
 */
export class WebhookReceiver {
  private readonly log: ReceivedWebhook[] = [];
  private readonly script: ReceiverBehaviour[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private connectionCount = 0;
  /** Bytes of huge bodies the server managed to hand to the socket, per request (index in `requests`). */
  readonly hugeBodyWritten: number[] = [];
  fallback: ReceiverBehaviour = OK;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly port: number,
  ) {}

  /** `port` 0 (default) picks a free one; a fixed port lets a test bring a receiver back where it was. */
  static async start(path = '/hook', port = 0): Promise<WebhookReceiver> {
    let instance: WebhookReceiver | undefined;
    const server = createServer((req, res) => instance?.handle(req, res));
    server.on('connection', (socket: Socket) => {
      if (!instance) return;
      instance.connectionCount += 1;
      instance.sockets.add(socket);
      socket.on('close', () => instance?.sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    const bound = (server.address() as AddressInfo).port;
    instance = new WebhookReceiver(server, `http://127.0.0.1:${bound}${path}`, bound);
    return instance;
  }

  /** Queues answers for the next requests, in order. */
  respondWith(...behaviours: ReceiverBehaviour[]): this {
    this.script.push(...behaviours);
    return this;
  }

  get requests(): readonly ReceivedWebhook[] {
    return this.log;
  }

  /** TCP connections accepted so far. */
  get connections(): number {
    return this.connectionCount;
  }

  clear(): void {
    this.log.length = 0;
    this.script.length = 0;
    this.hugeBodyWritten.length = 0;
    this.fallback = OK;
  }

  /** Waits (bounded) until at least `count` requests have arrived. */
  async waitForRequests(count: number, timeoutMs = 20_000): Promise<readonly ReceivedWebhook[]> {
    await waitFor(() => this.log.length >= count, {
      description: `${count} webhook request(s) at ${this.url}`,
      timeoutMs,
    });
    return this.log;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers.clear();
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const behaviour = this.script.shift() ?? this.fallback;
      const raw = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      const index = this.log.length;
      this.log.push({
        receivedAt: Date.now(),
        method: req.method ?? '',
        path: req.url ?? '',
        headers,
        raw,
        body: raw.toString('utf8'),
        behaviour,
      });
      this.answer(behaviour, res, index);
    });
  }

  private answer(b: ReceiverBehaviour, res: ServerResponse, index: number): void {
    res.on('error', () => undefined); // the sender hanging up early is expected in several tests
    if ('hang' in b) return;
    if ('drip' in b) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => res.write('.'), b.intervalMs);
      this.timers.add(timer);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if ('hugeBody' in b) {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(b.bytes) });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let written = 0;
      this.hugeBodyWritten[index] = 0;
      const pump = (): void => {
        while (written < b.bytes && !res.destroyed) {
          const size = Math.min(chunk.length, b.bytes - written);
          written += size;
          this.hugeBodyWritten[index] = written;
          if (!res.write(size === chunk.length ? chunk : chunk.subarray(0, size))) {
            res.once('drain', pump);
            return;
          }
        }
        if (written >= b.bytes) res.end();
      };
      pump();
      return;
    }
    res.writeHead(b.status, b.headers ?? {});
    res.end(b.body ?? '');
  }
}

/**
 * Verifies a received webhook with the reference `standardwebhooks` package, as a receiver
 * would. `atSeconds` pins the verifier's clock (it reads Date.now) for the duration of the call;
 * the call is synchronous, so nothing else in the process sees the pinned clock.
 */
export function verifyWithStandardWebhooks(
  secret: string,
  received: Pick<ReceivedWebhook, 'headers'>,
  body: string | Buffer,
  atSeconds?: number,
): unknown {
  const headers = {
    'webhook-id': received.headers['webhook-id'] ?? '',
    'webhook-timestamp': received.headers['webhook-timestamp'] ?? '',
    'webhook-signature': received.headers['webhook-signature'] ?? '',
  };
  if (atSeconds === undefined) return new Webhook(secret).verify(body.toString(), headers);
  mock.timers.enable({ apis: ['Date'], now: atSeconds * 1000 });
  try {
    return new Webhook(secret).verify(body.toString(), headers);
  } finally {
    mock.timers.reset();
  }
}

/**
 * A clock for the worker's delivery and evaluation code that never waits: asked to wait, it
 * jumps ahead by that much and answers 0, so a 27-hour retry schedule runs at once while every
 * attempt carries a timestamp on the schedule's own timeline.
 */
export class FastForwardClock {
  private current: number;

  constructor(start: number | Date = Date.now()) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  realDelayMs(ms: number): number {
    this.current += ms;
    return 0;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}
