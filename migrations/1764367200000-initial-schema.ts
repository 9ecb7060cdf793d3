import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Labs, sources, posts, scores, per-lab mentions, the work outboxes and the trend rollups. */
export class InitialSchema1764367200000 implements MigrationInterface {
  name = 'InitialSchema1764367200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE labs (
        slug text PRIMARY KEY CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        name text NOT NULL,
        aliases text[] NOT NULL DEFAULT '{}',
        -- the full catalogue entry (products, people, handles, context rules) read by the scorer
        definition jsonb NOT NULL DEFAULT '{}',
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('x_search', 'facebook_page', 'linkedin_org', 'import')),
        name text NOT NULL,
        target text NOT NULL,
        options jsonb NOT NULL DEFAULT '{}',
        poll_interval_seconds integer NOT NULL DEFAULT 300 CHECK (poll_interval_seconds >= 10),
        enabled boolean NOT NULL DEFAULT true,
        status text NOT NULL DEFAULT 'ok' CHECK (status IN ('ok', 'failing', 'paused', 'auth_failed')),
        cursor jsonb,
        -- bumped on every cursor write, so a stale poll cannot move the cursor backwards
        cursor_version integer NOT NULL DEFAULT 0,
        next_poll_at timestamptz NOT NULL DEFAULT now(),
        paused_until timestamptz,
        last_poll_at timestamptz,
        last_success_at timestamptz,
        last_error text,
        consecutive_failures integer NOT NULL DEFAULT 0,
        posts_collected bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX sources_due_idx ON sources (next_poll_at) WHERE enabled`);
    await db.query(`
      CREATE TABLE posts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform text NOT NULL CHECK (platform IN ('x', 'facebook', 'linkedin')),
        external_id text NOT NULL,
        source_id uuid REFERENCES sources (id) ON DELETE SET NULL,
        parent_external_id text,
        author_id text,
        author_name text,
        text text NOT NULL,
        language text,
        url text,
        posted_at timestamptz NOT NULL,
        fetched_at timestamptz NOT NULL DEFAULT now(),
        likes integer NOT NULL DEFAULT 0 CHECK (likes >= 0),
        comments integer NOT NULL DEFAULT 0 CHECK (comments >= 0),
        shares integer NOT NULL DEFAULT 0 CHECK (shares >= 0),
        quotes integer CHECK (quotes >= 0),
        impressions bigint CHECK (impressions >= 0),
        CONSTRAINT posts_platform_external_id_key UNIQUE (platform, external_id)
      )`);
    await db.query(`CREATE INDEX posts_platform_posted_at_idx ON posts (platform, posted_at)`);
    await db.query(`
      CREATE TABLE pending_scores (
        post_id bigint PRIMARY KEY REFERENCES posts (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX pending_scores_created_at_idx ON pending_scores (created_at)`);
    await db.query(`
      CREATE TABLE post_scores (
        post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        model_version text NOT NULL,
        -- false when the model cannot score the language: counted in volume, no sentiment
        scored boolean NOT NULL,
        language text NOT NULL,
        sentiment_label text CHECK (sentiment_label IN ('positive', 'neutral', 'negative')),
        sentiment_score real CHECK (sentiment_score BETWEEN -1 AND 1),
        sentiment_confidence real CHECK (sentiment_confidence BETWEEN 0 AND 1),
        scored_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (post_id, model_version),
        CHECK (scored = (sentiment_label IS NOT NULL))
      )`);
    await db.query(`
      CREATE TABLE post_lab_mentions (
        post_id bigint NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
        model_version text NOT NULL,
        lab_slug text NOT NULL REFERENCES labs (slug) ON DELETE CASCADE ON UPDATE CASCADE,
        stance text CHECK (stance IN ('favor', 'against', 'neutral')),
        stance_score real CHECK (stance_score BETWEEN -1 AND 1),
        stance_confidence real CHECK (stance_confidence BETWEEN 0 AND 1),
        evidence text NOT NULL,
        evidence_start integer NOT NULL,
        evidence_end integer NOT NULL,
        PRIMARY KEY (post_id, model_version, lab_slug)
      )`);
    await db.query(`CREATE INDEX post_lab_mentions_lab_idx ON post_lab_mentions (lab_slug, model_version)`);
    await db.query(`
      CREATE TABLE dirty_buckets (
        -- an append-only work list: writers never conflict, so scoring never waits on aggregation;
        -- the aggregator claims rows it can see and rebuilds each distinct bucket once
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform text NOT NULL,
        -- 5-minute bucket start (UTC) whose rollups must be recomputed
        bucket_start timestamptz NOT NULL,
        model_version text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE trend_buckets (
        lab_slug text NOT NULL REFERENCES labs (slug) ON DELETE CASCADE ON UPDATE CASCADE,
        platform text NOT NULL,
        bucket_width text NOT NULL CHECK (bucket_width IN ('5m', 'hour', 'day')),
        bucket_start timestamptz NOT NULL,
        model_version text NOT NULL,
        posts integer NOT NULL,
        positive integer NOT NULL,
        neutral integer NOT NULL,
        negative integer NOT NULL,
        unscored integer NOT NULL,
        favor integer NOT NULL,
        against integer NOT NULL,
        stance_neutral integer NOT NULL,
        -- sums, so means over any range are sum / count of the scored posts
        sentiment_sum double precision NOT NULL,
        stance_sum double precision NOT NULL,
        likes bigint NOT NULL,
        comments bigint NOT NULL,
        shares bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (lab_slug, platform, bucket_width, bucket_start)
      )`);
    await db.query(`CREATE INDEX trend_buckets_range_idx ON trend_buckets (bucket_width, lab_slug, bucket_start)`);
    // the aggregator rebuilds by (platform, width, time) across labs
    await db.query(`CREATE INDEX trend_buckets_rebuild_idx ON trend_buckets (platform, bucket_width, bucket_start)`);
    await db.query(`
      CREATE TABLE ingest_rejections (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source_id uuid REFERENCES sources (id) ON DELETE CASCADE,
        -- where in the input: "line 7", "posts[3]"
        location text NOT NULL,
        reason text NOT NULL,
        excerpt text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX ingest_rejections_source_idx ON ingest_rejections (source_id, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'ingest_rejections',
      'trend_buckets',
      'dirty_buckets',
      'post_lab_mentions',
      'post_scores',
      'pending_scores',
      'posts',
      'sources',
      'labs',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
