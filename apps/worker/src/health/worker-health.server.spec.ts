import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { listeningPort, startWorkerHealthServer } from './worker-health.server';

test('the health port listens on the configured address only', async () => {
  const server = await startWorkerHealthServer(0, '127.0.0.1', async () => ({ postgres: true }));
  try {
    assert.equal((server.address() as AddressInfo).address, '127.0.0.1');
    const res = await fetch(`http://127.0.0.1:${listeningPort(server)}/health`);
    assert.equal(res.status, 200);
  } finally {
    server.close();
  }
});
