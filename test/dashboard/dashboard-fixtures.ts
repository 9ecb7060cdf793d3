import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { SourceRepository } from '@labpulse/persistence';
import { type ScoredPostSpec, seedScoredPosts } from '@labpulse/testing';

/**
 * A small, hand-countable world for the dashboard tests, seen from NOW (the browser's clock is
 * pinned there). "Last 7 days" is [Oct 22 12:00, Oct 29 12:00); by day the page widens it to whole
 * buckets, Oct 22 ... Oct 29 (8 of them), and every section covers that span, [Oct 22, Oct 30).
 */
export const NOW = new Date('2026-10-29T12:00:00Z');
export const DAYS = ['22', '23', '24', '25', '26', '27', '28', '29'].map((d) => `2026-10-${d}T00:00:00.000Z`);
/** Oct 25: the only collector failed all day, so that day is a gap, not a quiet day. */
export const GAP_DAY = 3;

const positive = { label: 'positive', score: 0.8 } as const;
const neutral = { label: 'neutral', score: 0 } as const;
const negative = { label: 'negative', score: -0.7 } as const;

export const POSTS: ScoredPostSpec[] = [
  // OpenAI, Oct 24: three posts (2 positive, 1 negative) -> net (2 - 1) / 3
  {
    platform: 'x',
    id: '2001',
    at: '2026-10-24T10:00:00Z',
    authorName: 'ana',
    likes: 50,
    url: 'https://x.com/ana/status/2001',
    text: 'OpenAI shipped something great today',
    sentiment: positive,
    mentions: [{ lab: 'openai', stance: 'favor', score: 0.6 }],
  },
  {
    platform: 'x',
    id: '2002',
    at: '2026-10-24T11:00:00Z',
    authorName: 'ben',
    likes: 3,
    text: 'OpenAI outage again, not impressed',
    sentiment: negative,
    mentions: [{ lab: 'openai', stance: 'against', score: -0.6 }],
  },
  {
    platform: 'linkedin',
    id: 'urn:li:share:2003',
    at: '2026-10-24T15:00:00Z',
    authorName: 'cleo',
    likes: 9,
    text: 'Great OpenAI and Anthropic panel',
    sentiment: positive,
    mentions: [
      { lab: 'openai', stance: 'favor', score: 0.5 },
      { lab: 'anthropic', stance: 'favor', score: 0.5 },
    ],
  },
  // OpenAI, Oct 26 (neutral) and Oct 28 (negative, against)
  {
    platform: 'x',
    id: '2004',
    at: '2026-10-26T09:00:00Z',
    authorName: 'dan',
    text: 'OpenAI event on Thursday',
    sentiment: neutral,
    mentions: [{ lab: 'openai', stance: 'neutral', score: 0 }],
  },
  {
    platform: 'facebook',
    id: '100_2005',
    at: '2026-10-28T08:00:00Z',
    authorName: 'eve',
    text: 'Disappointed with OpenAI pricing',
    sentiment: negative,
    mentions: [{ lab: 'openai', stance: 'against', score: -0.5 }],
  },
  // Anthropic, Oct 27
  {
    platform: 'x',
    id: '2006',
    at: '2026-10-27T10:00:00Z',
    authorName: 'fay',
    text: 'Claude from Anthropic is lovely',
    sentiment: positive,
    mentions: [{ lab: 'anthropic', stance: 'favor', score: 0.7 }],
  },
  // DeepSeek, Oct 25: posts arrived (an import) although the collector was down
  {
    platform: 'x',
    id: '2007',
    at: '2026-10-25T10:00:00Z',
    authorName: 'gus',
    text: 'DeepSeek weights leaked?',
    sentiment: negative,
    mentions: [{ lab: 'deepseek', stance: 'against', score: -0.4 }],
  },
  {
    platform: 'x',
    id: '2008',
    at: '2026-10-25T11:00:00Z',
    authorName: 'hal',
    text: 'DeepSeek is cheap but slow',
    sentiment: negative,
    mentions: [{ lab: 'deepseek', stance: 'against', score: -0.3 }],
  },
  // The previous period [Oct 14, Oct 22): one post each for OpenAI and Anthropic
  {
    platform: 'x',
    id: '2009',
    at: '2026-10-16T10:00:00Z',
    authorName: 'ivy',
    text: 'OpenAI is fine',
    sentiment: positive,
    mentions: [{ lab: 'openai', stance: 'favor', score: 0.3 }],
  },
  {
    platform: 'x',
    id: '2010',
    at: '2026-10-20T10:00:00Z',
    authorName: 'jon',
    text: 'Anthropic hiring',
    sentiment: neutral,
    mentions: [{ lab: 'anthropic', stance: 'neutral', score: 0 }],
  },
  // Within 30 days only
  {
    platform: 'x',
    id: '2011',
    at: '2026-10-05T10:00:00Z',
    authorName: 'kim',
    text: 'OpenAI back in October',
    sentiment: negative,
    mentions: [{ lab: 'openai', stance: 'against', score: -0.2 }],
  },
];

/** What the page should show for OpenAI and Anthropic over the last 7 days, by day. */
export const EXPECTED_7D = {
  volume: {
    openai: [0, 0, 3, null, 1, 0, 1, 0],
    anthropic: [0, 0, 1, null, 0, 1, 0, 0],
    deepseek: [0, 0, 0, 2, 0, 0, 0, 0],
  },
  /** Scored posts per day: every bucket has fewer than the 5 the page needs to draw a net sentiment. */
  scored: {
    openai: [0, 0, 3, 0, 1, 0, 1, 0],
    anthropic: [0, 0, 1, 0, 0, 1, 0, 0],
  },
};

export interface SeededWorld {
  alertId: string;
}

/** Posts through the real ingest/scoring/rollup repositories, two sources with a day-by-day health history, and alerts. */
export async function seedDashboardWorld(db: DataSource): Promise<SeededWorld> {
  await seedScoredPosts(db, POSTS);
  await seedSources(db);
  return { alertId: await seedAlerts(db) };
}

async function seedSources(db: DataSource): Promise<void> {
  const sources = new SourceRepository(db);
  const collector = await sources.create({
    kind: 'x_search',
    name: 'AI labs on X',
    target: 'OpenAI OR Anthropic lang:en',
  });
  const page = await sources.create({ kind: 'facebook_page', name: 'Lab pages on Facebook', target: '100' });
  const soon = new Date(Date.now() + 60_000);
  await sources.recordOutcome(collector.id, {
    status: 'ok',
    error: null,
    nextPollAt: soon,
    pausedUntil: null,
    success: true,
  });
  await sources.recordOutcome(page.id, {
    status: 'failing',
    error: 'HTTP 503 from graph.facebook.com',
    nextPollAt: soon,
    pausedUntil: null,
    success: false,
  });
  // Day coverage in the period: the X collector polled every day, and failed all of Oct 25.
  const days = Array.from({ length: 38 }, (_, i) => new Date(Date.UTC(2026, 9, i - 5)).toISOString());
  await db.query(
    `INSERT INTO source_health_buckets (source_id, platform, bucket_width, bucket_start, ok, failed)
     SELECT $1, 'x', 'day', d, d <> $3::timestamptz, d = $3::timestamptz FROM unnest($2::timestamptz[]) AS d`,
    [collector.id, days, DAYS[GAP_DAY]],
  );
}

/** A firing alert about OpenAI with the decision that fired it, and one about DeepSeek (not on the page). */
async function seedAlerts(db: DataSource): Promise<string> {
  const [rule] = (await db.query(
    `SELECT id, name FROM alert_rules WHERE metric = 'negative_share' ORDER BY created_at LIMIT 1`,
  )) as Array<{ id: string; name: string }>;
  const insert = async (lab: string, openedAt: string): Promise<string> => {
    const id = randomUUID();
    await db.query(
      `INSERT INTO alerts (id, rule_id, rule_version, rule_snapshot, lab_slug, platform, metric, direction, dedupe_key, status, opened_at, starts_at, sequence, peak_score)
       VALUES ($1, $2, 1, $3, $4, 'all', 'negative_share', 'up', $5, 'firing', $6, $6, 1, 4.2)`,
      [id, rule.id, JSON.stringify({ name: rule.name }), lab, `dashboard-test-${lab}`, openedAt],
    );
    await db.query(
      `INSERT INTO alert_evaluations (rule_id, lab_slug, platform, alert_id, bucket_start, observed, expected, scale, score, effect, n, decision, reason)
       VALUES ($1, $2, 'all', $3, $4, 0.6, 0.1, 0.12, 4.2, 0.5, 25, 'fire', 'score 4.2 >= enter 3')`,
      [rule.id, lab, id, openedAt],
    );
    return id;
  };
  await insert('deepseek', '2026-10-25T10:00:00Z');
  return insert('openai', '2026-10-28T08:00:00Z');
}
