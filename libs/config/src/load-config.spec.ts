import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './load-config';

test('defaults apply when the environment is empty', () => {
  const config = loadConfig({});
  assert.equal(config.database.url, 'postgres://postgres@localhost:5432/labpulse');
  assert.equal(config.redis.url, 'redis://localhost:6379');
  assert.equal(config.api.port, 3000);
  assert.deepEqual(config.worker.roles, []);
  assert.equal(config.log.level, 'info');
});

test('values are parsed and typed', () => {
  const config = loadConfig({ API_PORT: '8080', WORKER_QUEUES: 'score, aggregate ,', SCORE_BATCH_SIZE: '200' });
  assert.equal(config.api.port, 8080);
  assert.deepEqual(config.worker.roles, ['score', 'aggregate']);
  assert.equal(config.queue.scoreBatchSize, 200);
});

test('the api and the worker health port listen where BIND_ADDRESS says (every interface by default)', () => {
  assert.equal(loadConfig({}).api.bindAddress, '0.0.0.0');
  const local = loadConfig({ BIND_ADDRESS: '127.0.0.1' });
  assert.equal(local.api.bindAddress, '127.0.0.1');
  assert.equal(local.worker.healthBindAddress, '127.0.0.1');
  assert.equal(loadConfig({ BIND_ADDRESS: '::1' }).api.bindAddress, '::1');
});

test('REDIS_CLUSTER_NODES lists the cluster nodes to start from; unset means one Redis at REDIS_URL', () => {
  assert.deepEqual(loadConfig({}).redis.clusterNodes, []);
  assert.deepEqual(loadConfig({ REDIS_CLUSTER_NODES: 'redis-1:7000, 10.0.0.2:7001,[::1]:7002' }).redis.clusterNodes, [
    { host: 'redis-1', port: 7000 },
    { host: '10.0.0.2', port: 7001 },
    { host: '::1', port: 7002 },
  ]);
});

test('an empty string counts as unset', () => {
  assert.equal(loadConfig({ API_PORT: '' }).api.port, 3000);
});

const bad: Array<[Record<string, string>, RegExp]> = [
  [{ API_PORT: 'eighty' }, /^invalid configuration: API_PORT /],
  [{ API_PORT: '70000' }, /^invalid configuration: API_PORT /],
  [{ DATABASE_URL: 'mysql://x' }, /^invalid configuration: DATABASE_URL must be a URL starting with postgres:\/\//],
  [{ REDIS_URL: 'not a url' }, /^invalid configuration: REDIS_URL /],
  [
    { REDIS_CLUSTER_NODES: 'redis-1:6379,redis-2' },
    /^invalid configuration: REDIS_CLUSTER_NODES "redis-2" must be host:port/,
  ],
  [{ REDIS_CLUSTER_NODES: 'redis-1:99999' }, /^invalid configuration: REDIS_CLUSTER_NODES /],
  [{ LOG_LEVEL: 'loud' }, /^invalid configuration: LOG_LEVEL /],
  [{ QUEUE_PREFIX: 'Has Spaces' }, /^invalid configuration: QUEUE_PREFIX /],
  [{ BIND_ADDRESS: 'example.com' }, /^invalid configuration: BIND_ADDRESS must be an IPv4 or IPv6 address/],
];
for (const [env, message] of bad) {
  test(`a malformed value is named: ${Object.keys(env)[0]}=${Object.values(env)[0]}`, () => {
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => error instanceof ConfigError && message.test(error.message),
    );
  });
}

test('platform settings default to the real hosts; tokens stay unset unless given', () => {
  const config = loadConfig({ X_BEARER_TOKEN: 'secret-token' });
  assert.equal(config.platforms.x.baseUrl, 'https://api.x.com');
  assert.equal(config.platforms.x.token, 'secret-token');
  assert.equal(config.platforms.facebook.token, null);
  assert.equal(config.platforms.linkedin.version, '202608');
});

test('a malformed platform value is named without echoing it', () => {
  assert.throws(
    () => loadConfig({ LINKEDIN_VERSION: 'latest' }),
    (error: unknown) =>
      error instanceof ConfigError &&
      /^invalid configuration: LINKEDIN_VERSION must look like 202608/.test(error.message) &&
      !error.message.includes('latest'),
  );
});
