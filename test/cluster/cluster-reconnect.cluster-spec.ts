import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { RedisConnection } from 'bullmq';
import { redisConnectionOptions } from '@labpulse/queue';
import { waitFor } from '@labpulse/testing';
import { ProcessGroup } from '../faults/support/processes';
import { PrivateRedisCluster } from '../faults/support/redis-cluster';

/**
 * The step a BullMQ worker takes after a failover, on a cluster that refuses commands: when its
 * blocking BZPOPMIN outlives its deadline, BullMQ drops the blocking connection and awaits
 * reconnect(), which on a closed ioredis Cluster is the promise of Cluster#connect(). With
 * ioredis' ready check, that promise never settled while CLUSTER INFO said cluster_state:fail,
 * even after the cluster recovered, and the worker never asked that queue for a job again.
 * Three masters and no replica: killing one keeps the cluster failing for as long as this test
 * needs.
 */
let group: ProcessGroup;
let cluster: PrivateRedisCluster;

before(async () => {
  group = new ProcessGroup({});
  cluster = await PrivateRedisCluster.start(group, { masters: 3, replicasPerMaster: 0 });
});
after(async () => {
  await group?.killAll();
  group?.removeDir();
});

/** Whether `promise` has settled within `ms` (a bound on a hang, not a speed check). */
async function settledWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = promise.then(
    () => true,
    () => true,
  );
  try {
    return await Promise.race([settled, bound]);
  } finally {
    clearTimeout(timer);
  }
}

test("a worker's blocking cluster connection, dropped while the cluster is down, reconnects", async () => {
  const [first, ...others] = cluster.masterPorts;
  const options = redisConnectionOptions({
    url: 'redis://127.0.0.1:1',
    clusterNodes: others.map((port) => ({ host: '127.0.0.1', port })),
  });
  const connection = new RedisConnection(options, { blocking: true });
  connection.on('error', () => undefined);
  try {
    await connection.client;
    await cluster.kill9(first);
    await waitFor(async () => !(await cluster.stateOk(others[0])), {
      description: 'the cluster to report cluster_state:fail',
      timeoutMs: 30_000,
      intervalMs: 200,
    });

    await connection.disconnect(true);
    assert.ok(
      await settledWithin(connection.reconnect(), 20_000),
      'reconnect() settles while the cluster is down (it hung with the CLUSTER INFO ready check)',
    );
    const client = await connection.client;
    assert.ok(['connect', 'ready'].includes(client.status), `client status ${client.status}`);
  } finally {
    await connection.close(true).catch(() => undefined);
  }
});
