import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the Trends API (issue 5) needs on top of the initial schema:
 * - api_keys: hashed keys with scopes and an optional per-key rate limit;
 * - source_poll_outcomes: one row per poll, written by SourceRepository.recordOutcome, and
 *   source_health_buckets: the same outcomes spread over the 5m/hour/day buckets they cover, so
 *   trend coverage ("how many sources were healthy") is a small indexed read;
 * - sort keys of a post copied onto its lab mentions (by a trigger), so a lab's drill-down
 *   (recent / engagement / most negative) is one index range scan even at ten million posts.
 */
export class TrendsApi1795903446048 implements MigrationInterface {
  name = 'TrendsApi1795903446048';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- the visible start of the key (e.g. lp_3kW9xQ2a), for lookup and for humans; not secret
        prefix text NOT NULL UNIQUE,
        -- hex SHA-256 of the whole key; the key itself is never stored
        key_hash text NOT NULL CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        name text NOT NULL DEFAULT '',
        scopes text[] NOT NULL CHECK (cardinality(scopes) > 0 AND scopes <@ ARRAY['read', 'admin']),
        -- requests per minute; NULL = the RATE_LIMIT_PER_MINUTE default
        rate_limit_per_minute integer CHECK (rate_limit_per_minute > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);

    // No foreign key to sources: the history of what was collected outlives a deleted source.
    await db.query(`
      CREATE TABLE source_poll_outcomes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source_id uuid NOT NULL,
        -- NULL for file imports, which are not a platform collector
        platform text CHECK (platform IN ('x', 'facebook', 'linkedin')),
        polled_at timestamptz NOT NULL DEFAULT now(),
        ok boolean NOT NULL,
        status text NOT NULL,
        error text,
        -- the outcome stands until the next poll is due (capped at a day)
        valid_until timestamptz NOT NULL,
        CHECK (valid_until >= polled_at)
      )`);
    await db.query(`CREATE INDEX source_poll_outcomes_source_idx ON source_poll_outcomes (source_id, polled_at)`);
    await db.query(`
      CREATE TABLE source_health_buckets (
        source_id uuid NOT NULL,
        platform text NOT NULL CHECK (platform IN ('x', 'facebook', 'linkedin')),
        bucket_width text NOT NULL CHECK (bucket_width IN ('5m', 'hour', 'day')),
        bucket_start timestamptz NOT NULL,
        -- some successful poll's span overlapped the bucket / some failed poll's span did
        ok boolean NOT NULL,
        failed boolean NOT NULL,
        PRIMARY KEY (source_id, bucket_width, bucket_start)
      )`);
    await db.query(
      `CREATE INDEX source_health_buckets_range_idx ON source_health_buckets (bucket_width, bucket_start) INCLUDE (platform, source_id, failed)`,
    );

    await db.query(`
      ALTER TABLE post_lab_mentions
        ADD COLUMN posted_at timestamptz,
        ADD COLUMN platform text,
        ADD COLUMN engagement bigint,
        ADD COLUMN sentiment_label text,
        ADD COLUMN sentiment_score real`);
    await db.query(`
      UPDATE post_lab_mentions m
      SET posted_at = p.posted_at, platform = p.platform, engagement = p.likes::bigint + p.comments + p.shares,
          sentiment_label = (SELECT s.sentiment_label FROM post_scores s WHERE s.post_id = m.post_id AND s.model_version = m.model_version),
          sentiment_score = (SELECT s.sentiment_score FROM post_scores s WHERE s.post_id = m.post_id AND s.model_version = m.model_version)
      FROM posts p
      WHERE p.id = m.post_id`);
    await db.query(`
      ALTER TABLE post_lab_mentions
        ALTER COLUMN posted_at SET NOT NULL,
        ALTER COLUMN platform SET NOT NULL,
        ALTER COLUMN engagement SET NOT NULL`);
    // Writers insert mentions after the post and its score (ScoringRepository.saveScores), so the
    // copy is complete at insert time; bulk loaders that fill the columns themselves skip the lookups.
    await db.query(`
      CREATE FUNCTION post_lab_mentions_copy_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.posted_at IS NULL THEN
          SELECT p.posted_at, p.platform, p.likes::bigint + p.comments + p.shares
            INTO NEW.posted_at, NEW.platform, NEW.engagement
            FROM posts p WHERE p.id = NEW.post_id;
          SELECT s.sentiment_label, s.sentiment_score
            INTO NEW.sentiment_label, NEW.sentiment_score
            FROM post_scores s WHERE s.post_id = NEW.post_id AND s.model_version = NEW.model_version;
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER post_lab_mentions_copy_sort_keys BEFORE INSERT ON post_lab_mentions
      FOR EACH ROW EXECUTE FUNCTION post_lab_mentions_copy_sort_keys()`);
    // The drill-down index below starts with the same two columns and serves every lookup this one did.
    await db.query('DROP INDEX post_lab_mentions_lab_idx');
    await db.query(
      `CREATE INDEX post_lab_mentions_recent_idx ON post_lab_mentions (lab_slug, model_version, posted_at, post_id)`,
    );
    await db.query(
      `CREATE INDEX post_lab_mentions_engagement_idx ON post_lab_mentions (lab_slug, model_version, engagement, post_id)`,
    );
    await db.query(`
      CREATE INDEX post_lab_mentions_sentiment_idx ON post_lab_mentions (lab_slug, model_version, sentiment_score, post_id)
      WHERE sentiment_score IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER post_lab_mentions_copy_sort_keys ON post_lab_mentions');
    await db.query('DROP FUNCTION post_lab_mentions_copy_sort_keys()');
    await db.query(
      'DROP INDEX post_lab_mentions_recent_idx, post_lab_mentions_engagement_idx, post_lab_mentions_sentiment_idx',
    );
    await db.query('CREATE INDEX post_lab_mentions_lab_idx ON post_lab_mentions (lab_slug, model_version)');
    await db.query(`
      ALTER TABLE post_lab_mentions
        DROP COLUMN posted_at, DROP COLUMN platform, DROP COLUMN engagement,
        DROP COLUMN sentiment_label, DROP COLUMN sentiment_score`);
    await db.query('DROP TABLE source_health_buckets');
    await db.query('DROP TABLE source_poll_outcomes');
    await db.query('DROP TABLE api_keys');
  }
}
