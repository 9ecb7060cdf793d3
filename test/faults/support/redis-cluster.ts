import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, waitFor } from '@labpulse/testing';
import type { ManagedProcess, ProcessGroup } from './processes';

interface ClusterNode {
  port: number;
  process: ManagedProcess;
}

/**
 * A private Redis Cluster of `masters` masters, each with `replicasPerMaster` replicas, on free
 * loopback ports: one `redis-server --cluster-enabled yes` per node (no persistence: a node's data
 * lives only in its memory and its replicas'), joined by `redis-cli --cluster create`. A short
 * node timeout makes a replica take over a dead master within seconds.
 */
export class PrivateRedisCluster {
  private constructor(
    private readonly nodes: ClusterNode[],
    readonly masterPorts: number[],
  ) {}

  static readonly NODE_TIMEOUT_MS = 2_000;

  static async start(
    group: ProcessGroup,
    options: { masters: number; replicasPerMaster: number },
  ): Promise<PrivateRedisCluster> {
    const count = options.masters * (1 + options.replicasPerMaster);
    const nodes: ClusterNode[] = [];
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const dir = join(group.dir, `redis-cluster-${port}`);
      mkdirSync(dir, { recursive: true });
      const process = group.spawn(`redis-${port}`, 'redis-server', [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        join(dir, 'nodes.conf'),
        '--cluster-node-timeout',
        String(PrivateRedisCluster.NODE_TIMEOUT_MS),
        '--save',
        '',
        '--appendonly',
        'no',
        '--daemonize',
        'no',
        '--maxmemory-policy',
        'noeviction',
      ]);
      nodes.push({ port, process });
    }
    for (const node of nodes)
      await waitFor(() => ping(node.port), {
        description: `redis node on port ${node.port}`,
        timeoutMs: 20_000,
        intervalMs: 100,
      });
    // redis-cli makes the first `masters` nodes masters and gives each the replicas that follow.
    execFileSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...nodes.map((n) => `127.0.0.1:${n.port}`),
        '--cluster-replicas',
        String(options.replicasPerMaster),
        '--cluster-yes',
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const cluster = new PrivateRedisCluster(
      nodes,
      nodes.slice(0, options.masters).map((n) => n.port),
    );
    await waitFor(async () => (await Promise.all(nodes.map((n) => cluster.stateOk(n.port)))).every(Boolean), {
      description: 'every cluster node to see cluster_state:ok',
      timeoutMs: 30_000,
      intervalMs: 200,
    });
    return cluster;
  }

  /** REDIS_CLUSTER_NODES: the masters it started with (the client discovers the rest). */
  get nodesEnv(): string {
    return this.masterPorts.map((port) => `127.0.0.1:${port}`).join(',');
  }

  /** The port of the node that currently serves `key`'s slot as master, asked of a live node. */
  async masterOf(key: string): Promise<number> {
    return this.withLiveNode(async (client) => {
      const slot = Number(await client.call('CLUSTER', 'KEYSLOT', key));
      const ranges = (await client.call('CLUSTER', 'SLOTS')) as Array<
        [number, number, [string, number, ...unknown[]], ...unknown[]]
      >;
      const range = ranges.find(([from, to]) => slot >= from && slot <= to);
      if (!range) throw new Error(`no node serves slot ${slot}`);
      return Number(range[2][1]);
    });
  }

  /** Keys the master of `key`'s slot holds in that slot (what a cluster client wrote there). */
  async keysInSlotOf(key: string): Promise<number> {
    const port = await this.masterOf(key);
    const client = connect(port);
    try {
      const slot = Number(await client.call('CLUSTER', 'KEYSLOT', key));
      return Number(await client.call('CLUSTER', 'COUNTKEYSINSLOT', String(slot)));
    } finally {
      client.disconnect();
    }
  }

  /** SIGKILL of one node's process: its memory, and every key only it held, is gone. */
  async kill9(port: number): Promise<void> {
    const node = this.nodes.find((n) => n.port === port);
    if (!node) throw new Error(`no cluster node on port ${port}`);
    await node.process.kill9();
  }

  async stateOk(port: number): Promise<boolean> {
    const client = connect(port);
    try {
      return /cluster_state:ok/.test(String(await client.call('CLUSTER', 'INFO')));
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }

  private async withLiveNode<T>(use: (client: Redis) => Promise<T>): Promise<T> {
    for (const node of this.nodes) {
      if (!node.process.running) continue;
      const client = connect(node.port);
      try {
        return await use(client);
      } catch {
        // try the next node
      } finally {
        client.disconnect();
      }
    }
    throw new Error('no cluster node answers');
  }
}

function connect(port: number): Redis {
  const client = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 500,
  });
  client.on('error', () => undefined);
  return client;
}

async function ping(port: number): Promise<boolean> {
  const client = connect(port);
  try {
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
