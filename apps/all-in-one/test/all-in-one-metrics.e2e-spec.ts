import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { DataSource } from 'typeorm';
import { freePort, openTestDatabase, testConfig, waitFor } from '@labpulse/testing';
import { listeningPort } from '../../worker/src/health/worker-health.server';
import { type AllInOne, startAllInOne } from '../src/all-in-one';

/** `npm start` runs the api and a worker in one process: its /metrics must show the worker's work, not zeros. */
let app: AllInOne;
let db: DataSource;
let apiPort: number;

before(async () => {
  apiPort = await freePort();
  // A fast fan-out gives the worker completed jobs to count without any source.
  const config = testConfig({ API_PORT: String(apiPort), SCHEDULER_INTERVAL_MS: '200' });
  db = await openTestDatabase(config);
  app = await startAllInOne(config);
});
after(async () => {
  await app?.close();
  await db?.destroy();
});

async function scrape(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`);
  assert.equal(res.status, 200);
  return res.text();
}

function value(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const SCHEDULE_JOBS = 'labpulse_job_duration_seconds_count{queue="schedule",outcome="completed"}';

test("the api port's /metrics counts the worker's jobs; both ports serve the same registry", async () => {
  const api = await waitFor(
    async () => {
      const text = await scrape(apiPort);
      return value(text, SCHEDULE_JOBS) > 0 ? text : undefined;
    },
    { description: 'worker job counters on the api port', timeoutMs: 30_000 },
  );
  // Each queue's depth once, though the api and the worker both report depths.
  assert.equal(
    api.split('\n').filter((l) => l.startsWith('labpulse_queue_jobs{queue="score",state="waiting"}')).length,
    1,
  );
  // The worker's health port shows the api's HTTP timings too: one registry, not two.
  const worker = await scrape(listeningPort(app.worker.health));
  assert.match(
    worker,
    /^labpulse_http_request_duration_seconds_count\{method="GET",route="\/metrics",status="200"\} \d+$/m,
  );
  assert.ok(value(worker, SCHEDULE_JOBS) >= value(api, SCHEDULE_JOBS));
});
