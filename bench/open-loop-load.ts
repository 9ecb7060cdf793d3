/**
 * Open-loop load: requests start on a fixed schedule (like wrk2), whatever the answers' pace, and
 * latency is measured from the moment each request was due, so a stall counts against every
 * request it delayed. Requests go out on at most `connections` keep-alive sockets; one due while
 * all are busy waits for one, and that wait counts.
 *
 * Written on raw sockets, reading into one reused buffer (net's `onread`): the generator shares
 * two cores with the API, and node:http's client allocated every 135 KB answer afresh, so its own
 * GC pauses (up to ~70 ms, measured with monitorEventLoopDelay) showed up as API latency.
 * It reads HTTP/1.1 answers framed by Content-Length, which every API answer has.
 */
import { connect, type Socket } from 'node:net';
import type { LoadResult, LoadTarget } from './api-load';
import { stats } from './api-load';

export interface RateOptions {
  url: string;
  headers: Record<string, string>;
  target: LoadTarget;
  /** Requests started per second. */
  rate: number;
  seconds: number;
  /** Keep-alive connections at most. */
  connections: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER = 16 * 1024;

/** One keep-alive connection and the answer it is reading. */
interface Connection {
  socket: Socket;
  due: number;
  header: Buffer;
  headerLength: number;
  /** Body bytes still to read; -1 while reading the header. */
  bodyLeft: number;
  status: number;
  /** A request is in flight. */
  busy: boolean;
}

export async function runAtRate(options: RateOptions): Promise<LoadResult> {
  const url = new URL(options.target.path, options.url);
  const head = Object.entries({ host: url.host, ...options.headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const request = Buffer.from(`GET ${url.pathname}${url.search} HTTP/1.1\r\n${head}\r\n`, 'latin1');
  const total = Math.round(options.rate * options.seconds);
  const ms: number[] = [];
  const idle: Connection[] = [];
  const waiting: number[] = [];
  const all: Connection[] = [];
  const readBuffer = Buffer.allocUnsafe(256 * 1024);
  let non2xx = 0;
  let errors = 0;
  let bytes = 0;
  let settled = 0;
  let finish: () => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const finished = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });

  const send = (conn: Connection, due: number) => {
    conn.busy = true;
    conn.due = due;
    conn.headerLength = 0;
    conn.bodyLeft = -1;
    conn.socket.write(request);
  };
  const settle = () => {
    settled += 1;
    if (settled === total) finish();
    return settled === total;
  };
  const answered = (conn: Connection) => {
    conn.busy = false;
    ms.push(performance.now() - conn.due);
    if (conn.status < 200 || conn.status > 299) non2xx += 1;
    if (settle()) return;
    const next = waiting.shift();
    if (next === undefined) idle.push(conn);
    else send(conn, next);
  };
  const onHeader = (conn: Connection): void => {
    const text = conn.header.toString('latin1', 0, conn.headerLength);
    conn.status = Number(text.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(text);
    if (!length) {
      if (conn.status === 304 || conn.status === 204) return void (conn.bodyLeft = 0);
      throw new Error(`open-loop load reads Content-Length answers only; got: ${text.split('\r\n')[0]}`);
    }
    conn.bodyLeft = Number(length[1]);
  };
  const read = (conn: Connection, length: number): void => {
    bytes += length;
    let at = 0;
    while (at < length) {
      if (conn.bodyLeft < 0) {
        // Copy header bytes until the blank line; it may straddle reads.
        const take = Math.min(length - at, MAX_HEADER - conn.headerLength);
        readBuffer.copy(conn.header, conn.headerLength, at, at + take);
        const searchFrom = Math.max(0, conn.headerLength - 3);
        conn.headerLength += take;
        const end = conn.header.subarray(0, conn.headerLength).indexOf(HEADER_END, searchFrom);
        if (end < 0) {
          if (conn.headerLength >= MAX_HEADER) throw new Error('answer header over 16 KB');
          return;
        }
        at += end + 4 - (conn.headerLength - take);
        conn.headerLength = end + 4;
        onHeader(conn);
      }
      const body = Math.min(conn.bodyLeft, length - at);
      conn.bodyLeft -= body;
      at += body;
      if (conn.bodyLeft === 0) {
        conn.bodyLeft = -1;
        conn.headerLength = 0;
        answered(conn);
        if (at < length) throw new Error('bytes after an answer on a connection with nothing in flight');
      }
    }
  };
  const open = (): Connection => {
    const conn = {
      due: 0,
      header: Buffer.allocUnsafe(MAX_HEADER),
      headerLength: 0,
      bodyLeft: -1,
      status: 0,
      busy: false,
    } as Connection;
    conn.socket = connect({
      host: url.hostname,
      port: Number(url.port),
      noDelay: true,
      onread: {
        buffer: readBuffer,
        callback: (length: number) => {
          try {
            read(conn, length);
          } catch (error) {
            fail(error as Error);
          }
          return true;
        },
      },
    });
    conn.socket.on('error', () => undefined); // counted on close
    // The server closes keep-alive connections idle for a while: forget them; a request caught on
    // one counts as an error.
    conn.socket.on('close', () => {
      all.splice(all.indexOf(conn), 1);
      const at = idle.indexOf(conn);
      if (at >= 0) idle.splice(at, 1);
      if (conn.busy) {
        conn.busy = false;
        errors += 1;
        settle();
      }
    });
    all.push(conn);
    return conn;
  };

  const started = performance.now();
  let sent = 0;
  // Every millisecond, start whatever has fallen due since the last tick.
  const timer = setInterval(() => {
    const now = performance.now();
    while (sent < total && started + (sent * 1000) / options.rate <= now) {
      const due = started + (sent * 1000) / options.rate;
      sent += 1;
      const conn = idle.pop() ?? (all.length < options.connections ? open() : undefined);
      if (conn) send(conn, due);
      else waiting.push(due);
    }
    if (sent === total) clearInterval(timer);
  }, 1);
  try {
    await finished;
  } finally {
    clearInterval(timer);
    for (const conn of all) conn.socket.destroy();
  }
  const elapsed = (performance.now() - started) / 1000;
  const latency = stats(ms, non2xx, elapsed);
  return {
    total: { ...latency, errors, timeouts: 0, mbPerSecond: bytes / elapsed / 1_048_576 },
    byLabel: { [options.target.label]: latency },
  };
}
