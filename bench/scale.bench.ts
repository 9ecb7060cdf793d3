/**
 * npm run bench:scale [-- --posts 200000 --workers 1,2,4 --probe-ms 500 --tail-seconds 20 --json --keep-db --cpu-prof DIR --progress --roles 'poll,schedule;score;aggregate,alerts' --runtime dist|swc]
 *
 * The whole pipeline as real processes on this machine: fake X, Facebook and LinkedIn APIs hold
 * `--posts` posts (half on X under 4 search sources, 30% on 3 Facebook Pages, 20% on 3 LinkedIn
 * organisations; generated tweet-length texts that name the labs of the seeded catalogue), polled by
 * N worker processes (all queues, product defaults but WORKER_HEALTH_PORT=0) and served by one api
 * process. --runtime dist (the default) runs them as deployed, `node dist/apps/<app>/src/main.js`,
 * building dist/ first when it is older than the sources; --runtime swc compiles the TypeScript at load
 * time (`npm run start:<app>`), for comparison. Each N runs on a fresh throwaway database and queue prefix.
 *
 * Throughput: every source is made due at t0 (once the workers and the api are ready).
 *   fetched     = all bulk posts stored (each page is stored with its cursor in one transaction);
 *   end to end  = all bulk posts scored (none left in the scoring outbox), and every dirty-bucket row written up to that moment
 *                 aggregated (the aggregator drains the work list in id order, so "min(id) > the max
 *                 id at that moment" means every one of those posts is in the rollups).
 *   ceiling     = the scorer alone on the same texts, with the catalogue the workers load, each time
 *                 in a fresh process (as a worker's scorer is: a second scorer in the same process
 *                 runs ~40% slower, its shared code having seen two instances), right before and
 *                 right after the run; ceiling = their mean; ratio = end to end / ceiling.
 *
 * Latency (probes): 16 extra labs (probe-00 .. probe-15, alias "Probelab00" ..) exist only for this.
 * Every --probe-ms, from t0 until --tail-seconds after the backlog is done, one post naming the next
 * probe lab round-robin is created on the fake X API at a known instant (created_at = now) under one
 * of 5 dedicated sources (a lab's probes always under the same one; poll interval 10 s, the minimum a
 * source accepts; their first polls staggered by 2 s, so some probe source is polled every ~2 s). The bench polls
 * GET /v1/trends?labs=probe-00,..,probe-15&interval=hour&fields=volume in a bounded loop (one request
 * at a time, at most one every 200 ms: the api shares the cores) with a read key whose rate limit is high; the range includes the
 * open hour, so neither the api's cache nor HTTP caching can serve a stale answer. A lab's volume is
 * monotone and its probes are created in order, so its k-th probe is visible at the first answer whose
 * volume for that lab is >= k (16 labs x probe spacing is far longer than the spread of latencies, so
 * probes of one lab do not overtake each other in practice). Visible instant = when that answer arrived.
 *   created -> visible: includes waiting for the next poll of the probe source (up to 10 s + the
 *                       fan-out interval), as a real post would.
 *   fetched -> visible: from posts.fetched_at (the transaction that stored the page: the fetch has
 *                       just answered) to visible; what issue 7's 5 s target is about.
 * Probes released while the backlog drains are reported as "under load", the others as "steady".
 *
 * CPU: core-seconds from t0 to end to end of each worker, the api, this process (which serves the fake
 * platforms), the Postgres backends of the run's database, and the whole machine (the rest is Redis
 * and whatever else runs on the machine: on a shared machine, read the ratio with that in mind).
 *
 * Memory: VmHWM (peak RSS) of each worker process from /proc/<pid>/status, read just before SIGTERM.
 * Exactness: after each run, posts = distinct ids = scores, and each lab's day rollups = its mentions.
 */
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import type { Queue } from 'bullmq';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { loadConfigOrExit, type AppConfig } from '@labpulse/config';
import { DEFAULT_LABS, type LabDefinition } from '@labpulse/labs';
import { createDataSource } from '@labpulse/persistence';
import { createStandaloneQueue, resolveWorkerQueues } from '@labpulse/queue';
import {
  createTestApiKey,
  createThrowawayDatabase,
  deleteRedisKeys,
  FakeFacebookServer,
  FakeLinkedInServer,
  FakeXServer,
  waitFor,
} from '@labpulse/testing';
import { spawn } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bulkText } from './bulk-posts';
import {
  cpuSeconds,
  ensureBuilt,
  machineCpu,
  parseFlags,
  parseRuntime,
  peakRssMiB,
  quantile,
  rate,
  scorerAlone,
  spawnApp,
  stopAll,
} from './pipeline-support';

const flags = parseFlags();
const POSTS = Number(flags.get('posts') ?? 200_000);
// --roles 'poll,schedule;score;aggregate,alerts': one worker process per ';'-separated WORKER_QUEUES
// value instead of --workers all-queue processes, so each role's CPU shows on its own line.
const ROLES = flags.get('roles')?.split(';');
const WORKER_COUNTS = ROLES ? [ROLES.length] : (flags.get('workers') ?? '1,2,4').split(',').map(Number);
const PROBE_MS = Number(flags.get('probe-ms') ?? 500);
const TAIL_SECONDS = Number(flags.get('tail-seconds') ?? 20);
const JSON_OUT = flags.has('json');
// --keep-db: leave each run's database in place (its name is printed) for EXPLAIN ANALYZE; drop it yourself.
const KEEP_DB = flags.has('keep-db');
// --cpu-prof DIR: each worker process writes a V8 CPU profile there when it exits.
const CPU_PROF = flags.get('cpu-prof');
// --progress: every 2 s, print stored / scored / outbox / dirty-bucket counts (where a run stalls).
const PROGRESS = flags.has('progress');
const RUNTIME = parseRuntime(flags.get('runtime'));
const TOKENS = { x: 'bench-x-token', facebook: 'bench-facebook-token', linkedin: 'bench-linkedin-token' };
// The api answering trends costs CPU on the same 2 cores: poll no more often than this.
const POLL_EVERY_MS = 200;
const PROBE_SOURCES = 5;
const PROBE_LABS = Array.from({ length: 16 }, (_, i) => `probe-${String(i).padStart(2, '0')}`);
const X_QUERIES = ['labwatch1', 'labwatch2', 'labwatch3', 'labwatch4'];

function probeLab(slug: string, i: number): LabDefinition {
  return {
    slug,
    name: `Probe lab ${i}`,
    aliases: [`Probelab${String(i).padStart(2, '0')}`],
    products: [],
    people: [],
    handles: [],
    hashtags: [],
    context: [],
    ambiguous: [],
  };
}

interface Fakes {
  x: FakeXServer;
  facebook: FakeFacebookServer;
  linkedin: FakeLinkedInServer;
  facebookPages: string[];
  linkedinOrgs: string[];
  texts: string[];
  /** The texts as a JSON file, for the scorer alone in a fresh process. */
  textsFile: string;
}

async function startFakes(): Promise<Fakes> {
  const x = await FakeXServer.start({
    bearerToken: TOKENS.x,
    endTimeLagMs: 0,
    rateLimit: { recent: 10_000_000, enforce: false },
  });
  const facebook = await FakeFacebookServer.start({ accessToken: TOKENS.facebook, callsPerHour: 10_000_000 });
  const linkedin = await FakeLinkedInServer.start({ accessToken: TOKENS.linkedin });
  const facebookPages = [0, 1, 2].map((i) => facebook.addPage({ name: `AI Forum ${i}` }).id);
  const linkedinOrgs = [0, 1, 2].map((i) => linkedin.addOrganization({ name: `Lab Watchers ${i}` }).urn);
  const now = Date.now();
  const from = now - 5 * 86_400_000;
  const span = now - 120_000 - from;
  const texts: string[] = [];
  for (let i = 0; i < POSTS; i++) {
    const text = bulkText(i);
    texts.push(text);
    const createdAt = from + Math.floor((span * i) / POSTS);
    const slot = i % 10; // 5 of 10 on X, 3 on Facebook, 2 on LinkedIn
    const likes = (i * 31) % 200;
    if (slot < 5)
      x.addPost({ text: `${text} ${X_QUERIES[i % X_QUERIES.length]}`, createdAt, metrics: { like_count: likes } });
    else if (slot < 8) facebook.addPost(facebookPages[i % 3], { message: text, createdAt, reactions: likes });
    else linkedin.addPost(linkedinOrgs[i % 3], { commentary: text, createdAt, likes });
  }
  const textsFile = join(tmpdir(), `labpulse-bench-scale-${process.pid}.json`);
  writeFileSync(textsFile, JSON.stringify(texts));
  return { x, facebook, linkedin, facebookPages, linkedinOrgs, texts, textsFile };
}

interface Probe {
  lab: string;
  rank: number;
  externalId: string;
  createdAt: number;
  visibleAt?: number;
  fetchedAt?: number;
  underLoad: boolean;
}

interface LatencySummary {
  n: number;
  visible: number;
  createdP50: number;
  createdP99: number;
  fetchedP50: number;
  fetchedP99: number;
}

interface RunResult {
  workers: number;
  scorerAlonePerSecond: number;
  /** The scorer alone right before and right after the run. */
  scorerAloneBeforeAfter: [number, number];
  fetchedSeconds: number;
  fetchedPerSecond: number;
  endToEndSeconds: number;
  endToEndPerSecond: number;
  ratio: number;
  underLoad: LatencySummary;
  steady: LatencySummary;
  peakRssMiB: Array<number | null>;
  apiPeakRssMiB: number | null;
  /** CPU seconds from t0 to end to end: each worker, the api, this process (fake platforms, probes), and the machine. */
  cpu: { workers: number[]; api: number; bench: number; postgres: number; machineBusy: number; machineTotal: number };
  exact: boolean;
  checks: Record<string, string>;
}

function summarise(probes: Probe[]): LatencySummary {
  const seen = probes.filter((p) => p.visibleAt !== undefined);
  const created = seen.map((p) => p.visibleAt! - p.createdAt);
  const fetched = seen.filter((p) => p.fetchedAt !== undefined).map((p) => p.visibleAt! - p.fetchedAt!);
  return {
    n: probes.length,
    visible: seen.length,
    createdP50: quantile(created, 0.5),
    createdP99: quantile(created, 0.99),
    fetchedP50: quantile(fetched, 0.5),
    fetchedP99: quantile(fetched, 0.99),
  };
}

async function runOnce(config: AppConfig, fakes: Fakes, workers: number, runNumber: number): Promise<RunResult> {
  const before = await scorerAloneInFreshProcess(fakes.textsFile);
  const runId = `lps${Date.now().toString(36)}`;
  const database = await createThrowawayDatabase(config.database.url, `labpulse_bench_scale_${runId}`);
  const children: ChildProcess[] = [];
  const db = new Client({ connectionString: database.url });
  await db.connect();
  let stopProbes = (): void => undefined;
  let stopPolling = false;
  let scoreQueue: Queue | undefined;
  try {
    const probeQueries = Array.from({ length: PROBE_SOURCES }, (_, k) => `probewatch${runNumber}${runId}s${k}`);
    for (const [i, slug] of PROBE_LABS.entries()) {
      const lab = probeLab(slug, i);
      await db.query('INSERT INTO labs (slug, name, aliases, definition) VALUES ($1, $2, $3, $4)', [
        slug,
        lab.name,
        lab.aliases,
        JSON.stringify(lab),
      ]);
    }
    const insertSource = async (kind: string, target: string, options: object, interval: number): Promise<string> =>
      (
        (
          await db.query(
            `INSERT INTO sources (kind, name, target, options, poll_interval_seconds, next_poll_at)
         VALUES ($1, $2, $2, $3, $4, now() + interval '1 day') RETURNING id`,
            [kind, target, JSON.stringify(options), interval],
          )
        ).rows[0] as { id: string }
      ).id;
    for (const q of X_QUERIES) await insertSource('x_search', q, { pageSize: 100 }, 300);
    for (const page of fakes.facebookPages)
      await insertSource('facebook_page', page, { pageSize: 100, comments: false }, 300);
    for (const urn of fakes.linkedinOrgs)
      await insertSource('linkedin_org', urn, { pageSize: 100, comments: false }, 300);
    const probeSources: string[] = [];
    for (const query of probeQueries) probeSources.push(await insertSource('x_search', query, { pageSize: 100 }, 10));

    const ds = createDataSource({ url: database.url, poolSize: 1 });
    await ds.initialize();
    const key = await createTestApiKey(ds, 'read', { rateLimitPerMinute: 1_000_000, name: 'bench:scale' });
    await ds.destroy();

    const apiPort = 20_000 + Math.floor(Math.random() * 20_000);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: database.url,
      QUEUE_PREFIX: runId,
      X_API_BASE_URL: fakes.x.baseUrl,
      X_BEARER_TOKEN: TOKENS.x,
      FACEBOOK_GRAPH_BASE_URL: fakes.facebook.baseUrl,
      FACEBOOK_ACCESS_TOKEN: TOKENS.facebook,
      LINKEDIN_API_BASE_URL: fakes.linkedin.baseUrl,
      LINKEDIN_ACCESS_TOKEN: TOKENS.linkedin,
      WORKER_HEALTH_PORT: '0',
      API_PORT: String(apiPort),
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    };
    const profile = CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : [];
    for (let i = 0; i < workers; i++)
      children.push(spawnApp('worker', ROLES ? { ...env, WORKER_QUEUES: ROLES[i] } : env, profile, RUNTIME));
    const api = spawnApp('api', env, [], RUNTIME);
    children.push(api);
    const apiBase = `http://127.0.0.1:${apiPort}`;
    // Kept open until the backlog is scored (its job counts are the cheap "all scored" precheck); closed in finally.
    const jobs = createStandaloneQueue({ ...config, queue: { ...config.queue, prefix: runId } }, 'score');
    scoreQueue = jobs;
    const scoring = ROLES
      ? ROLES.filter((roles) => resolveWorkerQueues(roles.split(',')).includes('score')).length
      : workers;
    await waitFor(async () => (await jobs.getWorkers()).length >= scoring, {
      description: 'workers ready',
      timeoutMs: 120_000,
      intervalMs: 250,
    });
    await waitFor(async () => (await fetch(`${apiBase}/ready`)).ok, {
      description: 'api ready',
      timeoutMs: 120_000,
      intervalMs: 250,
    });

    // t0: every source due now.
    const probes: Probe[] = [];
    const perLab = new Map<string, number>();
    let backlogDone = false;
    const release = (): void => {
      const labIndex = probes.length % PROBE_LABS.length;
      const lab = PROBE_LABS[labIndex];
      const rank = (perLab.get(lab) ?? 0) + 1;
      perLab.set(lab, rank);
      const label = `Probelab${lab.slice(-2)}`;
      const createdAt = Date.now();
      // A lab's probes all go through one source, so they are stored in the order they were created.
      const query = probeQueries[labIndex % PROBE_SOURCES];
      const post = fakes.x.addPost({
        text: `${label} release notes look solid, benchmark numbers are up ${query}`,
        createdAt,
      });
      probes.push({ lab, rank, externalId: post.id, createdAt, underLoad: !backlogDone });
    };
    // The probe sources' polls are staggered over their 10 s interval: a probe is fetched every 2 s.
    await db.query(
      `UPDATE sources SET next_poll_at = now() + make_interval(secs => 2 * greatest(array_position($1::uuid[], id) - 1, 0))`,
      [probeSources],
    );
    const t0 = performance.now();
    const cpuAt = (): number[] => [
      ...children.map((child) => cpuSeconds(child.pid) ?? 0),
      process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    ];
    // Postgres backends serving this run's database (the pools' connections live for the whole run).
    const backendCpu = async (): Promise<Map<number, number>> => {
      const { rows } = await db.query(
        'SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      return new Map((rows as Array<{ pid: number }>).map(({ pid }) => [pid, cpuSeconds(pid) ?? 0]));
    };
    const cpu0 = cpuAt();
    const machine0 = machineCpu();
    const backends0 = await backendCpu();
    const timer = setInterval(release, PROBE_MS);
    const progress = PROGRESS
      ? setInterval(() => {
          db.query(
            `SELECT (SELECT count(*) FROM posts) AS stored, (SELECT count(*) FROM post_scores) AS scored,
                       (SELECT count(*) FROM pending_scores) AS pending, (SELECT count(*) FROM dirty_buckets) AS dirty`,
          )
            .then(({ rows: [row] }) =>
              console.error(`  ${((performance.now() - t0) / 1000).toFixed(1)} s ${JSON.stringify(row)}`),
            )
            .catch(() => undefined);
        }, 2000)
      : undefined;
    stopProbes = () => {
      clearInterval(timer);
      clearInterval(progress);
    };

    const hour = 3_600_000;
    const trendsUrl = (): string => {
      const from = new Date(Math.floor(Date.now() / hour) * hour - hour).toISOString();
      const to = new Date(Math.floor(Date.now() / hour) * hour + 2 * hour).toISOString();
      return `${apiBase}/v1/trends?labs=${PROBE_LABS.join(',')}&interval=hour&fields=volume&from=${from}&to=${to}`;
    };
    let trendRequests = 0;
    const poller = (async () => {
      while (!stopPolling) {
        const started = Date.now();
        try {
          const response = await fetch(trendsUrl(), { headers: key.headers });
          const body = (await response.json()) as {
            series?: Array<{ lab: string; points: Array<{ volume: number }> }>;
          };
          const arrived = Date.now();
          trendRequests++;
          for (const series of body.series ?? []) {
            const volume = series.points.reduce((sum, p) => sum + p.volume, 0);
            for (const probe of probes)
              if (probe.lab === series.lab && probe.visibleAt === undefined && probe.rank <= volume)
                probe.visibleAt = arrived;
          }
        } catch {
          // the api is busy or restarting: try again
        }
        const wait = POLL_EVERY_MS - (Date.now() - started);
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      }
    })();

    const n = async (sql: string, params: unknown[] = []): Promise<number> =>
      Number(((await db.query(sql, params)).rows[0] as { n: string }).n);
    // Cheap checks, so the bench's own queries cost Postgres next to nothing: sources count what they
    // stored, and a stored post leaves the scoring outbox in the transaction that scores it.
    await waitFor(
      async () =>
        (await n('SELECT sum(posts_collected) AS n FROM sources WHERE id <> ALL($1::uuid[])', [probeSources])) >= POSTS,
      {
        description: 'every post stored',
        timeoutMs: 60 * 60_000,
        intervalMs: 250,
      },
    );
    const fetchedSeconds = (performance.now() - t0) / 1000;
    // Score jobs still queued or running (Redis answers this for nothing).
    const scoreJobs = async (): Promise<number> =>
      Object.values(await jobs.getJobCounts('waiting', 'active', 'prioritized', 'delayed')).reduce((a, b) => a + b, 0);
    await waitFor(
      // The exact checks cost Postgres tens of ms a call late in a run (counting 200k scores, walking
      // the outbox's deleted rows), so they run only once the score queue is empty, then the count
      // says they can pass: the bench's own queries stay out of the figures. (Probe jobs come and go.)
      async () =>
        (await scoreJobs()) === 0 &&
        (await n('SELECT count(*) AS n FROM post_scores')) >= POSTS &&
        (await n(
          'SELECT EXISTS (SELECT 1 FROM pending_scores s JOIN posts p ON p.id = s.post_id WHERE p.source_id <> ALL($1::uuid[]))::int AS n',
          [probeSources],
        )) === 0,
      { description: 'every post scored', timeoutMs: 60 * 60_000, intervalMs: 250 },
    );
    const lastDirty = await n('SELECT coalesce(max(id), 0) AS n FROM dirty_buckets');
    await waitFor(
      async () => (await n('SELECT coalesce(min(id), 9223372036854775807) AS n FROM dirty_buckets')) > lastDirty,
      {
        description: 'every scored post aggregated',
        timeoutMs: 60 * 60_000,
        intervalMs: 100,
      },
    );
    const endToEndSeconds = (performance.now() - t0) / 1000;
    backlogDone = true;
    const used = cpuAt().map((v, i) => v - cpu0[i]);
    const machine1 = machineCpu();
    let postgres = 0;
    for (const [pid, seconds] of await backendCpu()) postgres += seconds - (backends0.get(pid) ?? 0);
    const cpu = {
      postgres,
      workers: used.slice(0, workers),
      api: used[workers],
      bench: used[workers + 1],
      machineBusy: machine1.busy - machine0.busy,
      machineTotal: machine1.total - machine0.total,
    };
    await new Promise((resolve) => setTimeout(resolve, TAIL_SECONDS * 1000));
    stopProbes();
    await waitFor(() => probes.every((p) => p.visibleAt !== undefined), {
      description: 'every probe visible in trends',
      timeoutMs: 120_000,
      intervalMs: 100,
    }).catch((error: Error) =>
      console.error(
        `  ${error.message}: ${probes.filter((p) => p.visibleAt === undefined).length} of ${probes.length} not seen`,
      ),
    );
    stopPolling = true;
    await poller;
    const fetched = (
      await db.query('SELECT external_id, fetched_at FROM posts WHERE source_id = ANY($1::uuid[])', [probeSources])
    ).rows as Array<{ external_id: string; fetched_at: Date }>;
    const fetchedAt = new Map(fetched.map((row) => [row.external_id, row.fetched_at.getTime()]));
    for (const probe of probes) probe.fetchedAt = fetchedAt.get(probe.externalId);

    const peaks = children.slice(0, workers).map((child) => peakRssMiB(child.pid));
    const apiPeak = peakRssMiB(api.pid);
    await waitFor(
      async () =>
        (await n(
          `SELECT ((SELECT count(*) FROM posts) = (SELECT count(*) FROM post_scores) AND NOT EXISTS (SELECT 1 FROM dirty_buckets))::int AS n`,
        )) === 1,
      {
        description: 'everything scored and aggregated',
        timeoutMs: 120_000,
        intervalMs: 200,
      },
    );
    const checks = (
      await db.query(`SELECT
        (SELECT count(*) FROM posts) AS posts,
        (SELECT count(DISTINCT (platform, external_id)) FROM posts) AS distinct_posts,
        (SELECT count(*) FROM post_scores) AS scores,
        (SELECT count(*) FROM post_lab_mentions) AS mentions,
        (SELECT count(*) FROM (SELECT lab_slug, count(*) AS n FROM post_lab_mentions GROUP BY lab_slug) m
           FULL JOIN (SELECT lab_slug, sum(posts) AS n FROM trend_buckets WHERE bucket_width = 'day' GROUP BY lab_slug) r USING (lab_slug)
           WHERE m.n IS DISTINCT FROM r.n) AS labs_off`)
    ).rows[0] as Record<string, string>;
    const exact =
      Number(checks.posts) === POSTS + probes.length &&
      Number(checks.distinct_posts) === Number(checks.posts) &&
      Number(checks.scores) === Number(checks.posts) &&
      Number(checks.labs_off) === 0;
    checks.trend_requests = String(trendRequests);
    await stopAll(children);
    const after = await scorerAloneInFreshProcess(fakes.textsFile);
    const ceiling = (before + after) / 2;
    return {
      workers,
      scorerAlonePerSecond: ceiling,
      scorerAloneBeforeAfter: [before, after],
      fetchedSeconds,
      fetchedPerSecond: POSTS / fetchedSeconds,
      endToEndSeconds,
      endToEndPerSecond: POSTS / endToEndSeconds,
      ratio: POSTS / endToEndSeconds / ceiling,
      underLoad: summarise(probes.filter((p) => p.underLoad)),
      steady: summarise(probes.filter((p) => !p.underLoad)),
      peakRssMiB: peaks,
      apiPeakRssMiB: apiPeak,
      cpu,
      exact,
      checks,
    };
  } finally {
    stopProbes();
    stopPolling = true;
    await scoreQueue?.close();
    await stopAll(children);
    await deleteRedisKeys(config.redis.url, `{${runId}}*`);
    await db.end();
    if (KEEP_DB) console.error(`  kept database ${new URL(database.url).pathname.slice(1)}`);
    else await database.drop();
  }
}

const ms = (v: number): string => (Number.isNaN(v) ? '   n/a' : `${(v / 1000).toFixed(2).padStart(6)} s`);
const mib = (v: number | null): string => (v === null ? 'n/a' : `${Math.round(v)} MiB`);

function print(result: RunResult): void {
  const r = result;
  console.log(
    `\n${r.workers} worker process(es)${ROLES ? ` with WORKER_QUEUES ${ROLES.map((roles) => `'${roles}'`).join(', ')}` : ''}`,
  );
  const [before, after] = r.scorerAloneBeforeAfter.map((v) => Math.round(v).toLocaleString('en-US'));
  console.log(
    `  scorer alone (ceiling, 1 fresh process): ${Math.round(r.scorerAlonePerSecond).toLocaleString('en-US')} posts/s (before ${before}, after ${after})`,
  );
  console.log(
    `  fetched (stored):                  ${r.fetchedSeconds.toFixed(1)} s   ${rate(POSTS, r.fetchedSeconds)}`,
  );
  console.log(
    `  end to end (scored + aggregated):  ${r.endToEndSeconds.toFixed(1)} s   ${rate(POSTS, r.endToEndSeconds)}   pipeline / scorer = ${r.ratio.toFixed(2)}`,
  );
  for (const [name, l] of [
    ['under load', r.underLoad],
    ['steady    ', r.steady],
  ] as const) {
    console.log(
      `  latency to /v1/trends, ${name} (${l.visible}/${l.n} probes): created->visible p50 ${ms(l.createdP50)} p99 ${ms(l.createdP99)} | fetched->visible p50 ${ms(l.fetchedP50)} p99 ${ms(l.fetchedP99)}`,
    );
  }
  const c = r.cpu;
  const rest = c.machineBusy - c.workers.reduce((a, b) => a + b, 0) - c.api - c.bench - c.postgres;
  console.log(
    `  CPU until end to end: machine busy ${c.machineBusy.toFixed(0)} of ${c.machineTotal.toFixed(0)} core-s; workers ${c.workers.map((v) => v.toFixed(0)).join(', ')}; ` +
      `api ${c.api.toFixed(0)}; bench (fake platforms, probes) ${c.bench.toFixed(0)}; Postgres for this database ${c.postgres.toFixed(0)}; ` +
      `the rest (Redis, other users of the machine) ${rest.toFixed(0)}`,
  );
  // What the same work would reach with both cores to itself (no other users on the machine).
  const pipelineCpu = c.workers.reduce((a, b) => a + b, 0) + c.api + c.bench + c.postgres;
  const projected = (POSTS / pipelineCpu) * cpus().length;
  // The bench process (fake platforms standing in for remote APIs, probes, its own checks) is not on
  // a production machine's cores.
  const productOnly = (POSTS / (pipelineCpu - c.bench)) * cpus().length;
  const perPost = (seconds: number): string => ((seconds / POSTS) * 1e6).toFixed(0);
  console.log(
    `  pipeline CPU ${perPost(pipelineCpu)} us/post (scorer alone ${(1e6 / r.scorerAlonePerSecond).toFixed(0)} us/post; the bench process: fake platforms, probes, ${perPost(c.bench)} of it); ` +
      `on ${cpus().length} free cores that is ~${Math.round(projected).toLocaleString('en-US')} posts/s = ${(projected / r.scorerAlonePerSecond).toFixed(2)} x the scorer, ` +
      `~${Math.round(productOnly).toLocaleString('en-US')} posts/s = ${(productOnly / r.scorerAlonePerSecond).toFixed(2)} x without the bench process (projections, not measurements)`,
  );
  console.log(`  peak memory (VmHWM): workers ${r.peakRssMiB.map(mib).join(', ')}; api ${mib(r.apiPeakRssMiB)}`);
  console.log(
    `  exactly once: posts ${r.checks.posts}, distinct ${r.checks.distinct_posts}, scores ${r.checks.scores}, labs whose day rollups differ from their mentions ${r.checks.labs_off}: ${r.exact ? 'OK' : 'MISMATCH'}`,
  );
}

/** `--scorer-alone FILE`: score the JSON array of texts in FILE once and print posts/s (run in a fresh process). */
function scorerAloneMode(file: string): void {
  const texts = JSON.parse(readFileSync(file, 'utf8')) as string[];
  process.stdout.write(`${scorerAlone([...DEFAULT_LABS, ...PROBE_LABS.map(probeLab)], texts).perSecond}\n`);
}

function scorerAloneInFreshProcess(file: string): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1], '--scorer-alone', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 && Number(out) > 0 ? resolve(Number(out)) : reject(new Error(`scorer alone exited ${code}: ${out}`)),
    ),
  );
}

async function main(): Promise<void> {
  const scorerFile = flags.get('scorer-alone');
  if (scorerFile) return scorerAloneMode(scorerFile);
  const config = loadConfigOrExit();
  if (RUNTIME === 'dist') ensureBuilt();
  const fakes = await startFakes();
  if (!JSON_OUT) {
    console.log(
      `bench:scale  ${POSTS.toLocaleString('en-US')} posts on fake X (4 sources), Facebook (3 Pages), LinkedIn (3 orgs); workers ${WORKER_COUNTS.join(', ')}; ` +
        `probe every ${PROBE_MS} ms; apps run ${RUNTIME === 'dist' ? 'compiled (node dist/...)' : 'through @swc-node/register'}; machine: ${process.platform} ${cpus().length} cores (Postgres, Redis, api and the bench on the same cores)`,
    );
  }
  const results: RunResult[] = [];
  try {
    for (const [i, workers] of WORKER_COUNTS.entries()) {
      const result = await runOnce(config, fakes, workers, i);
      results.push(result);
      if (!JSON_OUT) print(result);
      if (!result.exact) process.exitCode = 1;
    }
  } finally {
    await Promise.all([fakes.x.close(), fakes.facebook.close(), fakes.linkedin.close()]);
    rmSync(fakes.textsFile, { force: true });
  }
  if (JSON_OUT) console.log(JSON.stringify({ posts: POSTS, cores: cpus().length, runs: results }, null, 2));
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
