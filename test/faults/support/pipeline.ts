import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Pool } from 'pg';
import type { SourceKind } from '@labpulse/connectors';
import { createDataSource, SourceRepository } from '@labpulse/persistence';
import { FakeFacebookServer, FakeLinkedInServer, FakeXServer, resetData } from '@labpulse/testing';
import type { PlatformIds } from './invariants';

const LABS_TEXT = [
  'OpenAI shipped a great model today',
  'Anthropic and Claude are terrible at this, disappointing',
  'DeepSeek is fine I guess',
  'Google DeepMind and Gemini impress me, love it',
  'Mistral released weights, nice work',
  'xAI Grok is awful and broken',
];

/** The three fake platforms, seeded with posts that mention labs, and their ids. */
export class FakePlatforms {
  private constructor(
    readonly x: FakeXServer,
    readonly facebook: FakeFacebookServer,
    readonly linkedin: FakeLinkedInServer,
  ) {}

  readonly facebookIds: string[] = [];
  readonly linkedinIds: string[] = [];
  readonly pages: string[] = [];
  readonly organizations: string[] = [];
  private seq = 0;

  static async start(): Promise<FakePlatforms> {
    return new FakePlatforms(
      await FakeXServer.start({ endTimeLagMs: 0 }),
      await FakeFacebookServer.start(),
      await FakeLinkedInServer.start(),
    );
  }

  /** Env for api and worker processes: platform base URLs and the fakes' tokens. */
  get env(): Record<string, string> {
    return {
      X_API_BASE_URL: this.x.baseUrl,
      X_BEARER_TOKEN: this.x.bearerToken,
      FACEBOOK_GRAPH_BASE_URL: this.facebook.baseUrl,
      FACEBOOK_ACCESS_TOKEN: 'fake-facebook-page-token',
      LINKEDIN_API_BASE_URL: this.linkedin.baseUrl,
      LINKEDIN_ACCESS_TOKEN: 'fake-linkedin-member-token',
    };
  }

  private text(i: number, word: string): string {
    return `${word} ${i}: ${LABS_TEXT[i % LABS_TEXT.length]}`;
  }

  /**
   * X posts matching `query` (a single word), spread over the last `spanMs`, up to now. Posts added
   * later must be newer than every post a poll has seen (X ids grow with time, and polls ask for
   * ids above the newest one stored), so posts published "later" use a short span ending now.
   */
  seedX(query: string, count: number, spanMs = 6 * 3_600_000): string[] {
    const now = Date.now();
    return this.x.addPosts(count, {
      from: now - spanMs,
      to: now,
      make: (i) => ({
        text: this.text(i, query),
        metrics: { like_count: i % 7, reply_count: i % 3, retweet_count: i % 2 },
      }),
    });
  }

  addPage(): string {
    const page = this.facebook.addPage();
    this.pages.push(page.id);
    return page.id;
  }

  seedFacebook(pageId: string, count: number, spanMs = 6 * 3_600_000): string[] {
    const now = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(
        this.facebook.addPost(pageId, {
          message: this.text(this.seq++, 'fb'),
          createdAt: now - spanMs + Math.floor((spanMs * i) / Math.max(1, count)),
        }).id,
      );
    }
    this.facebookIds.push(...ids);
    return ids;
  }

  addOrganization(): string {
    const org = this.linkedin.addOrganization({ administered: true });
    this.organizations.push(org.urn);
    return org.urn;
  }

  seedLinkedIn(urn: string, count: number, spanMs = 6 * 3_600_000): string[] {
    const now = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      ids.push(
        this.linkedin.addPost(urn, {
          commentary: this.text(this.seq++, 'li'),
          createdAt: now - spanMs + Math.floor((spanMs * i) / Math.max(1, count)),
        }).urn,
      );
    }
    this.linkedinIds.push(...ids);
    return ids;
  }

  /** Every post the fakes hold, per platform (what must end up stored). */
  expected(): PlatformIds {
    return { x: this.x.allPostIds(), facebook: [...this.facebookIds], linkedin: [...this.linkedinIds] };
  }

  async close(): Promise<void> {
    await Promise.all([this.x.close(), this.facebook.close(), this.linkedin.close()]);
  }
}

/** Creates sources polled by the workers' own scheduler (due now, polled again every 10 s). */
export async function createSources(
  databaseUrl: string,
  sources: Array<{ kind: SourceKind; target: string; options?: Record<string, unknown> }>,
): Promise<string[]> {
  const db = createDataSource({ url: databaseUrl, poolSize: 1 });
  await db.initialize();
  try {
    const repo = new SourceRepository(db);
    const ids: string[] = [];
    for (const s of sources) {
      const created = await repo.create({
        kind: s.kind,
        name: `${s.kind} ${s.target}`,
        target: s.target,
        options: s.options ?? {},
        pollIntervalSeconds: 10,
      });
      ids.push(created.id);
    }
    await db.query('UPDATE sources SET next_poll_at = now() WHERE id = ANY($1::uuid[])', [ids]);
    return ids;
  } finally {
    await db.destroy();
  }
}

/**
 * The ingestion the kill and restart faults run through: three X searches of 1,500 posts each, a
 * Facebook Page and a LinkedIn organisation of `perPage` posts each, all polled `pageSize` posts at a
 * time (small pages: many round trips, so a fault lands in the middle). The searches are `<tag>x0`..2.
 * Returns how many posts the fakes hold, and the Page and organisation to add posts to later.
 */
export async function seedThreePlatforms(
  fakes: FakePlatforms,
  databaseUrl: string,
  options: { tag: string; perPage: number; pageSize: number },
): Promise<{ total: number; page: string; org: string }> {
  const searches = [0, 1, 2].map((i) => `${options.tag}x${i}`);
  for (const query of searches) fakes.seedX(query, 1_500);
  const page = fakes.addPage();
  fakes.seedFacebook(page, options.perPage);
  const org = fakes.addOrganization();
  fakes.seedLinkedIn(org, options.perPage);
  const paging = { pageSize: options.pageSize };
  await createSources(databaseUrl, [
    ...searches.map((target) => ({ kind: 'x_search' as const, target, options: paging })),
    { kind: 'facebook_page', target: page, options: paging },
    { kind: 'linkedin_org', target: org, options: paging },
  ]);
  return { total: Object.values(fakes.expected()).reduce((n, ids) => n + (ids?.length ?? 0), 0), page, org };
}

/** Empties the data tables of the run's database (schema and seeded labs stay). */
export async function resetDatabase(databaseUrl: string): Promise<void> {
  const db = createDataSource({ url: databaseUrl, poolSize: 1 });
  await db.initialize();
  try {
    await resetData(db);
  } finally {
    await db.destroy();
  }
}

/** A small pool for the test's own checks; errors while a server is down are expected. */
export function checkPool(databaseUrl: string): Pool {
  const pool = new Pool({ connectionString: databaseUrl, max: 2, connectionTimeoutMillis: 2_000 });
  pool.on('error', () => undefined);
  return pool;
}

/** A queue prefix of the run (scripts/run-tests.ts deletes the run's keys afterwards). */
export function faultQueuePrefix(name: string): string {
  return `${process.env.LABPULSE_TEST_RUN ?? 'lpt'}-${name}-${randomBytes(3).toString('hex')}`;
}

/** Env every process of a fault test shares. */
export function processEnv(
  databaseUrl: string,
  redisUrl: string,
  prefix: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    NODE_ENV: 'test',
    SCHEDULER_INTERVAL_MS: '1000',
    POLL_JOBS_PER_MINUTE: '10000',
    CONNECTOR_TIMEOUT_MS: '5000',
    DB_POOL_SIZE: '4',
    // Evaluation is not under test here: keep its scheduled pass out of the way.
    ALERT_EVALUATION_INTERVAL_MS: '3600000',
    ...extra,
  };
}

/** Per queue, the kept (completed) jobs that took more than one run: what a fault made BullMQ retry. */
export async function rerunJobs(
  redisUrl: string,
  prefix: string,
  queues: string[] = ['score', 'aggregate'],
): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of queues) {
    const queue = new Queue(name, { connection: { url: redisUrl }, prefix: `{${prefix}}` });
    try {
      const jobs = await queue.getJobs(['completed'], 0, 1_000);
      out[name] = jobs.filter((job) => job.attemptsStarted > 1 || job.attemptsMade > 1).length;
    } finally {
      await queue.close();
    }
  }
  return out;
}
