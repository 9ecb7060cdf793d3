import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Agent, request } from 'undici';
import { type LookupFunction, createGuardedLookup } from '@labpulse/webhooks';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { DNS_LOOKUP } from './dns-lookup';

/** At most this much of a response is read; the rest is dropped with the connection. */
export const MAX_RESPONSE_BYTES = 64 * 1024;
/** What is stored of it. */
export const MAX_SNIPPET_BYTES = 4 * 1024;
const CONNECT_TIMEOUT_MS = 5_000;

export type TransportErrorClass = 'timeout' | 'blocked_address' | 'dns' | 'connection' | 'network';

export type WebhookHttpResult =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: Readonly<Record<string, string | string[] | undefined>>;
      /** At most MAX_SNIPPET_BYTES of the body, as text. */
      readonly snippet: string;
      readonly bytesRead: number;
    }
  | { readonly kind: 'error'; readonly errorClass: TransportErrorClass; readonly message: string };

/**
 * POSTs webhook bodies with undici. Every address a connection is about to use is checked by
 * createGuardedLookup when the socket connects (private and metadata ranges, DNS rebinding);
 * redirects are not followed (undici's request never follows them); the whole attempt, body
 * included, is cut at WEBHOOK_TIMEOUT_MS; at most 64 KiB of the response is read.
 */
@Injectable()
export class WebhookHttpClient implements OnModuleDestroy {
  private readonly agent: Agent;
  private readonly timeoutMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(DNS_LOOKUP) lookup: LookupFunction) {
    this.timeoutMs = config.webhooks.timeoutMs;
    const guarded = createGuardedLookup(lookup, { allowPrivate: config.webhooks.allowPrivate });
    this.agent = new Agent({
      connect: { lookup: guarded, timeout: Math.min(CONNECT_TIMEOUT_MS, this.timeoutMs) },
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
  }

  async post(url: string, headers: Readonly<Record<string, string>>, body: string): Promise<WebhookHttpResult> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const response = await request(url, { method: 'POST', headers, body, dispatcher: this.agent, signal });
      const { bytes, read } = await readCapped(response.body, MAX_RESPONSE_BYTES);
      return {
        kind: 'response',
        status: response.statusCode,
        headers: response.headers,
        snippet: snippetOf(bytes),
        bytesRead: read,
      };
    } catch (error) {
      return { kind: 'error', errorClass: classifyTransportError(error, signal), message: describe(error) };
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.agent.destroy();
  }
}

async function readCapped(
  body: AsyncIterable<Buffer | Uint8Array>,
  max: number,
): Promise<{ bytes: Buffer; read: number }> {
  const chunks: Buffer[] = [];
  let read = 0;
  for await (const chunk of body) {
    const buffer = Buffer.from(chunk);
    const room = max - read;
    if (buffer.length >= room) {
      chunks.push(buffer.subarray(0, room));
      read += room;
      break; // leaving the loop destroys the stream: the rest is never read
    }
    chunks.push(buffer);
    read += buffer.length;
  }
  return { bytes: Buffer.concat(chunks), read };
}

function snippetOf(bytes: Buffer): string {
  // Postgres text cannot hold NUL; a cut multi-byte character becomes U+FFFD, so trim back under the cap.
  let text = bytes.subarray(0, MAX_SNIPPET_BYTES).toString('utf8').replaceAll('\u0000', '');
  while (Buffer.byteLength(text, 'utf8') > MAX_SNIPPET_BYTES) text = text.slice(0, -1);
  return text;
}

interface ChainedError {
  name?: string;
  /** A string for system and undici errors, a number for DOMException. */
  code?: unknown;
  message?: string;
}

const codeOf = (e: ChainedError): string => (typeof e.code === 'string' ? e.code : '');

/** Every error in a chain (cause, AggregateError members), outermost first. */
function errorChain(error: unknown): Array<ChainedError> {
  const out: Array<ChainedError> = [];
  const queue: unknown[] = [error];
  while (queue.length > 0 && out.length < 20) {
    const e = queue.shift();
    if (typeof e !== 'object' || e === null) continue;
    const item = e as ChainedError & { cause?: unknown; errors?: unknown[] };
    out.push(item);
    if (item.cause !== undefined) queue.push(item.cause);
    if (Array.isArray(item.errors)) queue.push(...item.errors);
  }
  return out;
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

export function classifyTransportError(error: unknown, signal?: AbortSignal): TransportErrorClass {
  const chain = errorChain(error);
  if (chain.some((e) => e.code === 'EBLOCKEDADDRESS' || e.name === 'BlockedAddressError')) return 'blocked_address';
  if (
    signal?.aborted ||
    chain.some((e) => e.name === 'TimeoutError' || e.name === 'AbortError' || TIMEOUT_CODES.has(codeOf(e)))
  )
    return 'timeout';
  if (chain.some((e) => DNS_CODES.has(codeOf(e)))) return 'dns';
  if (chain.some((e) => CONNECTION_CODES.has(codeOf(e)))) return 'connection';
  return 'network';
}

function describe(error: unknown): string {
  const chain = errorChain(error);
  const blocked = chain.find((e) => e.code === 'EBLOCKEDADDRESS');
  const first = blocked ?? chain[0];
  // DOMException codes are numbers (23 for a timeout): only the string codes (ECONNREFUSED ...) say something.
  const code = first && codeOf(first) ? `${codeOf(first)}: ` : '';
  const text = first ? `${code}${first.message ?? ''}` : String(error);
  return text.slice(0, 500);
}
