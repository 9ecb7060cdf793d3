import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerting (issue 6): rules, per-key lifecycle state, episodes, the evaluation log, and webhook
 * delivery (endpoints, the outbox of events and deliveries, the attempt log). The default rule set
 * is seeded from the frozen copy below, so later changes to the code's defaults never change what
 * this migration did.
 */
export class Alerts1795903511793 implements MigrationInterface {
  name = 'Alerts1795903511793';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alert_rules (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        -- NULL = every enabled lab (the rule expands per lab)
        lab_slug text REFERENCES labs (slug) ON DELETE CASCADE ON UPDATE CASCADE,
        platform text NOT NULL CHECK (platform IN ('x', 'linkedin', 'facebook', 'all')),
        metric text NOT NULL,
        direction text NOT NULL CHECK (direction IN ('up', 'down', 'both')),
        detector text NOT NULL,
        bucket text NOT NULL CHECK (bucket IN ('5m', '1h', '1d')),
        -- durations as the API takes them (5m, 1h, 7d); validated by validateAlertRule
        window_size text NOT NULL,
        baseline text NOT NULL,
        baseline_kind text NOT NULL,
        enter_threshold double precision NOT NULL,
        exit_threshold double precision NOT NULL,
        min_volume integer NOT NULL CHECK (min_volume >= 0),
        min_effect double precision NOT NULL,
        pending_for text NOT NULL,
        resolve_after text NOT NULL,
        cooldown text NOT NULL,
        escalation_factor double precision,
        repeat_interval text NOT NULL,
        min_coverage double precision NOT NULL CHECK (min_coverage BETWEEN 0 AND 1),
        send_resolved boolean NOT NULL,
        severity text NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
        enabled boolean NOT NULL DEFAULT true,
        -- bumped on every edit; an episode keeps the version (and a snapshot) it opened under
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (exit_threshold < enter_threshold)
      )`);

    // One row per (rule, lab, platform): the lifecycle between evaluations, locked while evaluating.
    await db.query(`
      CREATE TABLE alert_states (
        rule_id uuid NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
        lab_slug text NOT NULL REFERENCES labs (slug) ON DELETE CASCADE ON UPDATE CASCADE,
        platform text NOT NULL,
        dedupe_key text NOT NULL,
        lifecycle jsonb NOT NULL,
        -- newest bucket evaluated; later passes start after it, so nothing is evaluated twice
        evaluated_through timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (rule_id, lab_slug, platform)
      )`);

    await db.query(`
      CREATE TABLE alerts (
        id uuid PRIMARY KEY,
        -- keyset position for listing
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        rule_id uuid REFERENCES alert_rules (id) ON DELETE SET NULL,
        rule_version integer NOT NULL,
        rule_snapshot jsonb NOT NULL,
        lab_slug text NOT NULL REFERENCES labs (slug) ON DELETE CASCADE ON UPDATE CASCADE,
        platform text NOT NULL,
        metric text NOT NULL,
        direction text NOT NULL,
        -- sha256(rule | lab | platform | metric | direction)
        dedupe_key text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'firing', 'resolved', 'cancelled')),
        opened_at timestamptz NOT NULL,
        starts_at timestamptz,
        ends_at timestamptz,
        -- sequence of the last event emitted; receivers order by it
        sequence integer NOT NULL DEFAULT 0,
        last_notified_at timestamptz,
        peak_score double precision,
        escalated boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The database, not the evaluator, guarantees one open episode per key, even with several workers.
    await db.query(
      `CREATE UNIQUE INDEX alerts_one_open_per_key ON alerts (dedupe_key) WHERE status IN ('pending', 'firing')`,
    );
    await db.query(`CREATE INDEX alerts_lab_idx ON alerts (lab_slug, seq)`);

    // The outbox: events written in the same transaction as the lifecycle change that caused them.
    await db.query(`
      CREATE TABLE alert_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        alert_id uuid REFERENCES alerts (id) ON DELETE CASCADE,
        -- for source.failing; no foreign key, the history outlives the source
        source_id uuid,
        type text NOT NULL,
        sequence integer,
        -- what makes the event happen once: alert:<id>:<sequence>, source-failing:<id>:<since>, test:<uuid>
        dedupe_key text NOT NULL UNIQUE,
        occurred_at timestamptz NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX alert_events_alert_idx ON alert_events (alert_id, sequence) WHERE alert_id IS NOT NULL`,
    );

    await db.query(`
      CREATE TABLE alert_evaluations (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        rule_id uuid NOT NULL REFERENCES alert_rules (id) ON DELETE CASCADE,
        lab_slug text NOT NULL REFERENCES labs (slug) ON DELETE CASCADE ON UPDATE CASCADE,
        platform text NOT NULL,
        -- the episode open during (or opened, or closed by) this evaluation
        alert_id uuid REFERENCES alerts (id) ON DELETE SET NULL,
        bucket_start timestamptz NOT NULL,
        observed double precision,
        expected double precision,
        scale double precision,
        score double precision,
        effect double precision,
        n double precision,
        decision text NOT NULL,
        reason text NOT NULL,
        evaluated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (rule_id, lab_slug, platform, bucket_start)
      )`);
    await db.query(
      `CREATE INDEX alert_evaluations_alert_idx ON alert_evaluations (alert_id, bucket_start) WHERE alert_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX alert_evaluations_lab_idx ON alert_evaluations (lab_slug, id)`);
    await db.query(`CREATE INDEX alert_evaluations_evaluated_at_idx ON alert_evaluations (evaluated_at)`);

    await db.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        url text NOT NULL CHECK (length(url) <= 2048),
        description text NOT NULL DEFAULT '',
        event_types text[] NOT NULL CHECK (cardinality(event_types) > 0),
        -- whsec_ secrets: returned by the API only when created or rotated, never logged
        secret text NOT NULL,
        -- during a rotation deliveries are signed with both until this expires
        previous_secret text,
        previous_secret_expires_at timestamptz,
        status text NOT NULL DEFAULT 'enabled' CHECK (status IN ('enabled', 'disabled')),
        disabled_reason text CHECK (disabled_reason IN ('gone', 'failing', 'blocked_address', 'manual')),
        disabled_at timestamptz,
        failing_since timestamptz,
        consecutive_failures integer NOT NULL DEFAULT 0,
        last_success_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        event_id uuid REFERENCES alert_events (id) ON DELETE SET NULL,
        event_type text NOT NULL,
        -- the exact bytes signed and sent on every attempt (minified once)
        body text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed', 'skipped')),
        -- a replay starts a new round: a fresh attempt budget, the same webhook-id
        round integer NOT NULL DEFAULT 0,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        last_attempt_at timestamptz,
        last_status_code integer,
        last_error text,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (endpoint_id, event_id)
      )`);
    await db.query(`CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, seq)`);
    await db.query(
      `CREATE INDEX webhook_deliveries_pending_idx ON webhook_deliveries (created_at) WHERE status = 'pending'`,
    );

    await db.query(`
      CREATE TABLE webhook_attempts (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
        round integer NOT NULL,
        -- 1-based within the round
        attempt integer NOT NULL,
        started_at timestamptz NOT NULL,
        -- the webhook-timestamp header sent (Unix seconds)
        webhook_timestamp bigint NOT NULL,
        duration_ms integer,
        status_code integer,
        -- NULL while in flight (a crash leaves it NULL: the receiver may still have seen it)
        outcome text CHECK (outcome IN ('delivered', 'retry', 'gone', 'aborted', 'blocked', 'exhausted', 'skipped')),
        error_class text,
        error text,
        -- at most 4 KiB of the response body
        response_snippet text,
        next_attempt_at timestamptz,
        UNIQUE (delivery_id, round, attempt)
      )`);

    for (const rule of DEFAULT_RULES_V1) {
      await db.query(
        `INSERT INTO alert_rules (id, name, lab_slug, platform, metric, direction, detector, bucket, window_size, baseline,
           baseline_kind, enter_threshold, exit_threshold, min_volume, min_effect, pending_for, resolve_after, cooldown,
           escalation_factor, repeat_interval, min_coverage, send_resolved, severity, enabled)
         VALUES ($1, $2, NULL, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
         ON CONFLICT (id) DO NOTHING`,
        [
          rule.id,
          rule.name,
          rule.platform,
          rule.metric,
          rule.direction,
          rule.detector,
          rule.bucket,
          rule.window,
          rule.baseline,
          rule.baselineKind,
          rule.enterThreshold,
          rule.exitThreshold,
          rule.minVolume,
          rule.minEffect,
          rule.pendingFor,
          rule.resolveAfter,
          rule.cooldown,
          rule.escalationFactor,
          rule.repeatInterval,
          rule.minCoverage,
          rule.sendResolved,
          rule.severity,
          rule.enabled,
        ],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'webhook_attempts',
      'webhook_deliveries',
      'webhook_endpoints',
      'alert_evaluations',
      'alert_events',
      'alerts',
      'alert_states',
      'alert_rules',
    ]) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}

const COMMON_V1 = {
  platform: 'all',
  baseline: '7d',
  baselineKind: 'trailing',
  pendingFor: '0m',
  cooldown: '24h',
  escalationFactor: 2,
  repeatInterval: '24h',
  minCoverage: 0.9,
  sendResolved: true,
  enabled: true,
} as const;

/** Frozen copy of DEFAULT_ALERT_RULES (libs/alerts) as of this migration; fixed ids make it idempotent. */
const DEFAULT_RULES_V1 = [
  {
    ...COMMON_V1,
    id: '6a1e0c52-6f1b-4c55-9a41-0d3c8f6b2a01',
    name: 'Volume spike',
    metric: 'volume',
    direction: 'up',
    detector: 'zscore',
    bucket: '5m',
    window: '1h',
    enterThreshold: 4,
    exitThreshold: 2,
    minVolume: 10,
    minEffect: 0.5,
    resolveAfter: '10m',
    severity: 'warning',
  },
  {
    ...COMMON_V1,
    id: '6a1e0c52-6f1b-4c55-9a41-0d3c8f6b2a02',
    name: 'Negative share rising',
    metric: 'negative_share',
    direction: 'up',
    detector: 'two_proportion',
    bucket: '1h',
    window: '1h',
    enterThreshold: 3,
    exitThreshold: 1.5,
    minVolume: 30,
    minEffect: 0.05,
    resolveAfter: '2h',
    severity: 'warning',
  },
  {
    ...COMMON_V1,
    id: '6a1e0c52-6f1b-4c55-9a41-0d3c8f6b2a03',
    name: 'Stance against rising',
    metric: 'stance_against_share',
    direction: 'up',
    detector: 'two_proportion',
    bucket: '1h',
    window: '1h',
    enterThreshold: 3,
    exitThreshold: 1.5,
    minVolume: 30,
    minEffect: 0.05,
    resolveAfter: '2h',
    severity: 'warning',
  },
  {
    ...COMMON_V1,
    id: '6a1e0c52-6f1b-4c55-9a41-0d3c8f6b2a04',
    name: 'Net sentiment falling',
    metric: 'net_sentiment',
    direction: 'down',
    detector: 'mean_z',
    bucket: '1h',
    window: '1h',
    enterThreshold: 3,
    exitThreshold: 1.5,
    minVolume: 30,
    minEffect: 0.1,
    resolveAfter: '2h',
    severity: 'info',
  },
] as const;
