import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { freePort, waitFor } from '@labpulse/testing';

/**
 * Real processes for the fault tests: api and worker processes started the way the containers
 * start them, a private redis-server and a private Postgres cluster that a test may kill and
 * restart. Every process gets its own process group, so `killAll()` (called from `after`, also on
 * failure) leaves nothing behind; their output goes to log files whose tails a failing test prints.
 */

export class ManagedProcess {
  private exitPromise: Promise<void>;
  /** The health (worker) or HTTP (api) port, when the process has one. */
  port = 0;

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
    readonly logFile: string,
  ) {
    this.exitPromise = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  get exited(): Promise<void> {
    return this.exitPromise;
  }

  /** kill -9 of the whole process group (the node process and anything it spawned). */
  async kill9(): Promise<void> {
    if (!this.running) return;
    try {
      process.kill(-(this.child.pid as number), 'SIGKILL');
    } catch {
      this.child.kill('SIGKILL');
    }
    await this.exitPromise;
  }

  tail(lines = 30): string {
    try {
      return readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  }
}

/** Starts and tracks the processes of one test file. */
export class ProcessGroup {
  readonly dir = mkdtempSync(join(tmpdir(), 'labpulse-faults-'));
  private readonly all: ManagedProcess[] = [];
  private counter = 0;

  constructor(private readonly baseEnv: Record<string, string>) {}

  /** A worker process (`npm run start:worker`) with the group's env plus `env`. */
  worker(name: string, env: Record<string, string> = {}): ManagedProcess {
    return this.node(name, 'apps/worker/src/main.ts', env);
  }

  /** Starts a worker on a free health port and waits until its /ready answers 200. */
  async readyWorker(name: string, env: Record<string, string> = {}): Promise<ManagedProcess> {
    const port = await freePort();
    const worker = this.worker(name, { WORKER_HEALTH_PORT: String(port), ...env });
    worker.port = port;
    await waitReady(port, name);
    return worker;
  }

  /** Starts an api process on a free port and waits until its /ready answers 200. */
  async readyApi(name: string, env: Record<string, string> = {}): Promise<ManagedProcess> {
    const port = await freePort();
    const api = this.api(name, { API_PORT: String(port), ...env });
    api.port = port;
    await waitReady(port, name);
    return api;
  }

  /** An api process (`npm run start:api`). */
  api(name: string, env: Record<string, string> = {}): ManagedProcess {
    return this.node(name, 'apps/api/src/main.ts', env);
  }

  /** Any command, in its own process group, output to a log file. */
  spawn(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ManagedProcess {
    const logFile = join(this.dir, `${name}-${++this.counter}.log`);
    const fd = openSync(logFile, 'a');
    const child = spawn(command, args, { env, stdio: ['ignore', fd, fd], detached: true });
    closeSync(fd);
    const managed = new ManagedProcess(name, child, logFile);
    this.all.push(managed);
    return managed;
  }

  private node(name: string, entry: string, env: Record<string, string>): ManagedProcess {
    return this.spawn(name, process.execPath, ['--require', '@swc-node/register', entry], {
      ...process.env,
      LOG_LEVEL: 'warn',
      ...this.baseEnv,
      ...env,
    });
  }

  /** The last lines of every process's log, for a failing test's message. */
  logs(lines = 20): string {
    return this.all
      .map((p) => `--- ${p.name} (${p.running ? 'running' : 'exited'}) ${p.logFile}\n${p.tail(lines)}`)
      .join('\n');
  }

  async killAll(): Promise<void> {
    await Promise.all(this.all.map((p) => p.kill9()));
  }

  removeDir(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** What a process's /ready answers now (0 when it does not answer at all). */
export async function readyStatus(port: number): Promise<number> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/ready`, { signal: AbortSignal.timeout(3_000) })).status;
  } catch {
    return 0;
  }
}

/** Waits until a worker's (or the api's) /ready answers 200. */
export async function waitReady(port: number, what: string, timeoutMs = 90_000): Promise<void> {
  await waitFor(
    async () => {
      try {
        return (await fetch(`http://127.0.0.1:${port}/ready`)).status === 200;
      } catch {
        return false;
      }
    },
    { description: `${what} to be ready on port ${port}`, timeoutMs, intervalMs: 200 },
  );
}

/**
 * A private redis-server with AOF on and fsync on every write, as docker-compose.yml runs it, on a
 * fixed port and directory, so it can be killed and started again with the same data.
 */
export class PrivateRedis {
  private process: ManagedProcess | null = null;

  private constructor(
    private readonly group: ProcessGroup,
    readonly port: number,
    readonly dir: string,
  ) {}

  static async start(group: ProcessGroup): Promise<PrivateRedis> {
    const dir = join(group.dir, 'redis');
    mkdirSync(dir, { recursive: true });
    const redis = new PrivateRedis(group, await freePort(), dir);
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    this.process = this.group.spawn('redis', 'redis-server', [
      '--port',
      String(this.port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--dir',
      this.dir,
      '--maxmemory-policy',
      'noeviction',
    ]);
    await waitFor(() => this.ping(), { description: `redis on port ${this.port}`, timeoutMs: 20_000, intervalMs: 100 });
  }

  /** SIGKILL: no shutdown save; only what the AOF holds survives. */
  async kill9(): Promise<void> {
    await this.process?.kill9();
  }

  async ping(): Promise<boolean> {
    const client = new Redis(this.url, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      connectTimeout: 500,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }
}

/**
 * A private Postgres 15 cluster (initdb in a temp dir, run as the postgres user when we are root,
 * since Postgres refuses to run as root), on a free port with its unix socket in the temp dir.
 */
export class PrivateCluster {
  private constructor(
    readonly dataDir: string,
    readonly socketDir: string,
    readonly logFile: string,
    readonly port: number,
  ) {}

  /** Postgres 15's tools (what this machine and the compose file run), else the newest installed. */
  static readonly BIN = postgresBin();

  static async create(group: ProcessGroup): Promise<PrivateCluster> {
    const root = join(group.dir, 'pg');
    const cluster = new PrivateCluster(
      join(root, 'data'),
      join(root, 'sock'),
      join(root, 'postgres.log'),
      await freePort(),
    );
    mkdirSync(cluster.socketDir, { recursive: true });
    if (process.getuid?.() === 0) {
      chmodSync(group.dir, 0o711); // mkdtemp makes it 0700: the postgres user must reach pg/ inside it
      execFileSync('chown', ['-R', 'postgres:postgres', root]);
    }
    cluster.run('initdb', [
      '-D',
      cluster.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    await cluster.start();
    return cluster;
  }

  /** A URL for `database` on this cluster. */
  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    // fsync off: these tests crash the server process, not the machine, so the OS keeps every write.
    const options = `-p ${this.port} -k ${this.socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100`;
    this.run('pg_ctl', ['-D', this.dataDir, '-l', this.logFile, '-o', options, '-w', '-t', '60', 'start']);
    await waitFor(() => this.accepts(), {
      description: `postgres on port ${this.port}`,
      timeoutMs: 30_000,
      intervalMs: 100,
    });
  }

  /** `pg_ctl -m immediate stop`: every backend is killed at once, as in a crash; restart runs WAL recovery. */
  stopImmediate(): void {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
  }

  /** Stops the cluster if it runs (teardown; never fails). */
  destroy(): void {
    try {
      this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // not running
    }
  }

  async accepts(): Promise<boolean> {
    const client = new Client({ connectionString: this.url('postgres'), connectionTimeoutMillis: 1_000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  private run(tool: string, args: string[]): void {
    const binary = join(PrivateCluster.BIN, tool);
    const asPostgres = process.getuid?.() === 0;
    execFileSync(asPostgres ? 'runuser' : binary, asPostgres ? ['-u', 'postgres', '--', binary, ...args] : args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd: '/',
    });
  }
}

function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
  const chosen = versions.includes('15') ? '15' : versions.sort((a, b) => Number(b) - Number(a))[0];
  return join(root, chosen ?? '15', 'bin');
}
