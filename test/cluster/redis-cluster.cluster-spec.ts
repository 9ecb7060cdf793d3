import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Pool } from 'pg';
import { createDataSource } from '@labpulse/persistence';
import { type QueueName, queuePrefix, redisConnectionOptions } from '@labpulse/queue';
import { createTestApiKey, waitFor } from '@labpulse/testing';
import { assertInvariant, type PlatformIds } from '../faults/support/invariants';
import {
  checkPool,
  FakePlatforms,
  faultQueuePrefix,
  processEnv,
  resetDatabase,
  seedThreePlatforms,
} from '../faults/support/pipeline';
import { type ManagedProcess, ProcessGroup, readyStatus } from '../faults/support/processes';
import { PrivateRedisCluster } from '../faults/support/redis-cluster';

/**
 * LabPulse on a Redis Cluster (REDIS_CLUSTER_NODES): 3 masters with a replica each on loopback, an
 * api and two workers as real processes. Posts polled from the fake platforms and pushed to
 * /v1/ingest are each stored, scored and counted once; the queues' keys live in the one slot of
 * the `{prefix}` hash tag. Then the master serving that slot is killed (-9, no persistence): its
 * replica takes over within seconds, the processes stay up and ready, and the same workers, with
 * no restart, consume every queue again: what is published afterwards is collected exactly once.
 */
const databaseUrl = process.env.DATABASE_URL as string;
let fakes: FakePlatforms;
let group: ProcessGroup;
let pool: Pool;
let cluster: PrivateRedisCluster;

before(async () => {
  await resetDatabase(databaseUrl);
  fakes = await FakePlatforms.start();
  group = new ProcessGroup({});
  cluster = await PrivateRedisCluster.start(group, { masters: 3, replicasPerMaster: 1 });
  pool = checkPool(databaseUrl);
});
after(async () => {
  await group?.killAll();
  await pool?.end();
  await fakes?.close();
  group?.removeDir();
});

/** Pushes `count` X posts through POST /v1/ingest (ids far below the fake platform's) and returns their ids. */
async function pushPosts(api: ManagedProcess, adminKey: string, first: number, count: number): Promise<string[]> {
  const posts = Array.from({ length: count }, (_, i) => ({
    platform: 'x',
    id: String(1_000_000_000_000 + first + i),
    author: 'pusher',
    text: `Pushed ${first + i}: OpenAI and Anthropic both shipped today, great work`,
    created_at: new Date(Date.now() - 60_000 - i * 1_000).toISOString(),
    engagement: { likes: i % 5, comments: 0, shares: 0 },
  }));
  const response = await fetch(`http://127.0.0.1:${api.port}/v1/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ posts }),
  });
  const body = (await response.json()) as { accepted: number };
  assert.equal(response.status, 202, JSON.stringify(body));
  assert.equal(body.accepted, count);
  return posts.map((p) => p.id);
}

/**
 * Queues with no traffic of their own after the failover: a job each that finds nothing to do (an
 * unknown source, an unknown delivery, an evaluation with no rules), added with its result kept.
 */
const IDLE_QUEUE_JOBS = [
  { queue: 'import', name: 'poll', data: () => ({ sourceId: randomUUID() }) },
  { queue: 'deliver', name: 'deliver', data: () => ({ deliveryId: randomUUID(), round: 1 }) },
  { queue: 'evaluate', name: 'evaluate', data: () => ({}) },
] as const satisfies ReadonlyArray<{ queue: QueueName; name: string; data: () => object }>;

/** Adds IDLE_QUEUE_JOBS through the cluster and waits until a worker has completed each. */
async function assertIdleQueuesConsumed(ports: number[], prefix: string, describe: () => string): Promise<void> {
  const connection = redisConnectionOptions({
    url: 'redis://127.0.0.1:1',
    clusterNodes: ports.map((port) => ({ host: '127.0.0.1', port })),
  });
  for (const { queue, name, data } of IDLE_QUEUE_JOBS) {
    const producer = new Queue(queue, { connection, prefix: queuePrefix(prefix) });
    try {
      const job = await producer.add(name, data(), { removeOnComplete: false, removeOnFail: false });
      await waitFor(async () => (await job.getState()) === 'completed', {
        description: `a worker to complete a ${queue} job after the failover`,
        timeoutMs: 60_000,
        intervalMs: 200,
      }).catch(async (error: Error) => {
        throw new Error(`${error.message}; the job is ${await job.getState()}\n${describe()}`);
      });
    } finally {
      await producer.close();
    }
  }
}

test('api and two workers on a 3-master Redis Cluster: exactly once, and a killed master fails over to its replica', async (t) => {
  const prefix = faultQueuePrefix('cluster');
  // REDIS_URL points where nothing listens: with REDIS_CLUSTER_NODES set, no connection may go there.
  const env = processEnv(databaseUrl, 'redis://127.0.0.1:1', prefix, {
    ...fakes.env,
    SCORE_BATCH_SIZE: '100',
    REDIS_CLUSTER_NODES: cluster.nodesEnv,
  });
  const [api, ...workers] = await Promise.all([
    group.readyApi('api', env),
    group.readyWorker('worker-a', env),
    group.readyWorker('worker-b', env),
  ]);
  const db = createDataSource({ url: databaseUrl, poolSize: 1 });
  await db.initialize();
  const admin = await createTestApiKey(db, 'admin').finally(() => db.destroy());

  const { page, org } = await seedThreePlatforms(fakes, databaseUrl, { tag: 'cluster', perPage: 300, pageSize: 50 });
  const pushed = await pushPosts(api, admin.key, 0, 200);
  const expected = (): PlatformIds => ({ ...fakes.expected(), x: [...fakes.x.allPostIds(), ...pushed] });
  await assertInvariant(pool, expected(), { timeoutMs: 180_000, describe: () => group.logs() });

  // The queues, the scheduler and the rate-limit counters are keys of the hash tag's one slot.
  const tag = `{${prefix}}`;
  assert.ok(
    (await cluster.keysInSlotOf(tag)) > 10,
    'the queue keys are in the cluster, in the slot of the prefix hash tag',
  );

  const queueMaster = await cluster.masterOf(tag);
  const killedAt = Date.now();
  await cluster.kill9(queueMaster);
  // Its replica is promoted once the other masters agree the node is down (cluster-node-timeout).
  // What the api's /ready answers meanwhile is reported, not asserted: it depends on timing.
  const readySeen = new Set<number>();
  await waitFor(
    async () => {
      readySeen.add(await readyStatus(api.port));
      try {
        return (await cluster.masterOf(tag)) !== queueMaster;
      } catch {
        return false;
      }
    },
    { description: 'a replica to take over the slot of the queues', timeoutMs: 30_000, intervalMs: 200 },
  );
  const promotedAt = Date.now();
  for (const p of [api, ...workers]) {
    await waitFor(async () => (await readyStatus(p.port)) === 200, {
      description: `${p.name} ready after the failover`,
      timeoutMs: 60_000,
      intervalMs: 200,
    });
  }
  assert.ok(
    [api, ...workers].every((p) => p.running),
    `no process exited in the failover:\n${group.logs()}`,
  );
  t.diagnostic(
    `killed master :${queueMaster}; the slot of ${tag} is served by :${await cluster.masterOf(tag)} after ${promotedAt - killedAt} ms; ` +
      `api /ready answered ${[...readySeen].join(', ')} meanwhile; all ready ${Date.now() - killedAt} ms after the kill`,
  );

  // The api and the workers carry on as they are: no restart. Before the fix in
  // libs/queue/src/redis-connection.ts (no ready check), poll queues stayed unconsumed after the
  // failover in 4 of 7 runs here, idle queues too (docs/redis-cluster.md).

  // Published after the failover: polled from each platform and pushed, each counted once (the
  // schedule, poll, score and aggregate queues), and every other queue takes a job again.
  fakes.seedX('clusterx0', 100, 1_000);
  fakes.seedFacebook(page, 40, 1_000);
  fakes.seedLinkedIn(org, 30, 1_000);
  pushed.push(...(await pushPosts(api, admin.key, 10_000, 100)));
  await assertInvariant(pool, expected(), { timeoutMs: 180_000, describe: () => group.logs() });
  await assertIdleQueuesConsumed(cluster.masterPorts, prefix, () => group.logs());
  assert.ok(
    [api, ...workers].every((p) => p.running),
    `no process exited:\n${group.logs()}`,
  );
});
