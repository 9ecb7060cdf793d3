import assert from 'node:assert/strict';
import { Pool } from 'pg';
import { MODEL_VERSION } from '@labpulse/nlp';
import { ROLLUP_WIDTHS, rollupRecountDifferences, type RowQuery, waitFor } from '@labpulse/testing';

export type PlatformIds = Partial<Record<'x' | 'facebook' | 'linkedin', readonly string[]>>;

/** Counts the fault tests watch while a fault is going on. */
export async function progress(pool: Pool): Promise<{ posts: number; pending: number; dirty: number; scored: number }> {
  const { rows } = await pool.query(
    `SELECT (SELECT count(*) FROM posts)::int AS posts, (SELECT count(*) FROM pending_scores)::int AS pending,
            (SELECT count(*) FROM dirty_buckets)::int AS dirty, (SELECT count(*) FROM post_scores)::int AS scored`,
  );
  return rows[0] as { posts: number; pending: number; dirty: number; scored: number };
}

export async function storedIds(pool: Pool, platform: string): Promise<Set<string>> {
  const { rows } = await pool.query('SELECT external_id FROM posts WHERE platform = $1', [platform]);
  return new Set(rows.map((row: { external_id: string }) => row.external_id));
}

/**
 * Waits (bounded) until every post the fake platforms hold is stored and the pipeline has drained
 * (nothing waits to be scored or aggregated), then checks the invariant of docs/architecture.md#each-post-counts-once:
 * - nothing lost: every platform post is stored, once (and nothing else is);
 * - every post is scored exactly once with the current model version;
 * - every 5-minute, hour and day rollup equals a recount from the scored posts.
 */
export async function assertInvariant(
  pool: Pool,
  expected: PlatformIds,
  options: { timeoutMs?: number; describe?: () => string } = {},
): Promise<void> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  try {
    await waitFor(
      async () => {
        for (const [platform, ids] of Object.entries(expected)) {
          const stored = await storedIds(pool, platform);
          if (ids.some((id) => !stored.has(id))) return false;
        }
        const p = await progress(pool);
        return p.pending === 0 && p.dirty === 0;
      },
      { description: 'every platform post stored, scored and aggregated', timeoutMs, intervalMs: 250 },
    );
  } catch (error) {
    const p = await progress(pool).catch(() => null);
    const missing: string[] = [];
    for (const [platform, ids] of Object.entries(expected)) {
      const stored = await storedIds(pool, platform).catch(() => new Set<string>());
      missing.push(`${platform}: ${ids.filter((id) => !stored.has(id)).length} of ${ids.length} missing`);
    }
    throw new Error(
      `${(error as Error).message}; ${missing.join(', ')}; ${JSON.stringify(p)}${options.describe ? `\n${options.describe()}` : ''}`,
      { cause: error },
    );
  }

  // Nothing lost, nothing stored twice, nothing from elsewhere.
  for (const [platform, ids] of Object.entries(expected)) {
    const stored = await storedIds(pool, platform);
    assert.equal(
      stored.size,
      ids.length,
      `${platform}: ${stored.size} posts stored, the fake platform holds ${ids.length}`,
    );
  }
  const { rows: duplicates } = await pool.query(
    'SELECT platform, external_id, count(*)::int AS n FROM posts GROUP BY 1, 2 HAVING count(*) > 1 LIMIT 5',
  );
  assert.deepEqual(duplicates, [], 'a post is stored more than once');

  // Scored exactly once per model version: one post_scores row, mentions at most once per lab.
  const { rows: scoring } = await pool.query(
    `SELECT p.id, (SELECT count(*) FROM post_scores s WHERE s.post_id = p.id AND s.model_version = $1)::int AS scores
     FROM posts p WHERE (SELECT count(*) FROM post_scores s WHERE s.post_id = p.id AND s.model_version = $1) <> 1 LIMIT 5`,
    [MODEL_VERSION],
  );
  assert.deepEqual(scoring, [], `posts not scored exactly once with ${MODEL_VERSION}`);
  const { rows: versions } = await pool.query('SELECT DISTINCT model_version FROM post_scores');
  assert.deepEqual(
    versions.map((r: { model_version: string }) => r.model_version),
    [MODEL_VERSION],
  );
  const { rows: doubleMentions } = await pool.query(
    'SELECT post_id, model_version, lab_slug, count(*)::int AS n FROM post_lab_mentions GROUP BY 1, 2, 3 HAVING count(*) > 1 LIMIT 5',
  );
  assert.deepEqual(doubleMentions, [], 'a mention is stored more than once');

  // Every rollup equals a recount from the posts.
  await assertRollupsEqualRecount(pool);
}

export async function assertRollupsEqualRecount(pool: Pool): Promise<void> {
  const [{ mentions }] = (await pool.query('SELECT count(*)::int AS mentions FROM post_lab_mentions')).rows as Array<{
    mentions: number;
  }>;
  assert.ok(mentions > 0, 'the posts mention labs, so there are rollups to check');
  const query: RowQuery = async (sql, params) => (await pool.query(sql, params)).rows;
  for (const width of ROLLUP_WIDTHS) {
    const rows = await rollupRecountDifferences(query, width, { modelVersion: MODEL_VERSION });
    assert.deepEqual(rows, [], `${width} rollups differ from a recount of the posts`);
  }
  const [{ n }] = (await pool.query(`SELECT count(*)::int AS n FROM trend_buckets`)).rows as Array<{ n: number }>;
  assert.ok(n > 0, 'rollups exist');
}
