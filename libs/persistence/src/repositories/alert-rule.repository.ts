import { Injectable } from '@nestjs/common';
import type { AlertRuleSpec } from '@labpulse/alerts';
import { DataSource, type EntityManager } from 'typeorm';

/** A rule as stored: the spec plus its id and edit version. */
export interface StoredAlertRule extends AlertRuleSpec {
  readonly id: string;
  /** Bumped on every edit; an episode records the version it opened under. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const COLUMNS = `id, name, lab_slug, platform, metric, direction, detector, bucket, window_size, baseline, baseline_kind,
  enter_threshold, exit_threshold, min_volume, min_effect, pending_for, resolve_after, cooldown, escalation_factor,
  repeat_interval, min_coverage, send_resolved, severity, enabled, version, created_at, updated_at`;

// The fields that make up an alert key: changing one starts the rule's keys over.
const KEY_FIELDS = ['labId', 'platform', 'metric', 'direction'] as const;

function specParams(spec: AlertRuleSpec): unknown[] {
  return [
    spec.name,
    spec.labId,
    spec.platform,
    spec.metric,
    spec.direction,
    spec.detector,
    spec.bucket,
    spec.window,
    spec.baseline,
    spec.baselineKind,
    spec.enterThreshold,
    spec.exitThreshold,
    spec.minVolume,
    spec.minEffect,
    spec.pendingFor,
    spec.resolveAfter,
    spec.cooldown,
    spec.escalationFactor,
    spec.repeatInterval,
    spec.minCoverage,
    spec.sendResolved,
    spec.severity,
    spec.enabled,
  ];
}

/** Alert rules (validated by validateAlertRule before they get here). */
@Injectable()
export class AlertRuleRepository {
  constructor(private readonly db: DataSource) {}

  async list(filter: { enabled?: boolean } = {}): Promise<StoredAlertRule[]> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM alert_rules WHERE ($1::boolean IS NULL OR enabled = $1) ORDER BY created_at, id`,
      [filter.enabled ?? null],
    )) as RuleRow[];
    return rows.map(toRule);
  }

  async findById(id: string): Promise<StoredAlertRule | null> {
    const rows = (await this.db.query(`SELECT ${COLUMNS} FROM alert_rules WHERE id = $1`, [id])) as RuleRow[];
    return rows.length === 0 ? null : toRule(rows[0]);
  }

  async create(spec: AlertRuleSpec): Promise<StoredAlertRule> {
    const rows = (await this.db.query(
      `INSERT INTO alert_rules (name, lab_slug, platform, metric, direction, detector, bucket, window_size, baseline,
         baseline_kind, enter_threshold, exit_threshold, min_volume, min_effect, pending_for, resolve_after, cooldown,
         escalation_factor, repeat_interval, min_coverage, send_resolved, severity, enabled)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
       RETURNING ${COLUMNS}`,
      specParams(spec),
    )) as RuleRow[];
    return toRule(rows[0]);
  }

  /**
   * Replaces a rule's settings and bumps its version. When the alert key changes (lab, platform,
   * metric, direction) its open episodes are cancelled and its keys start over; otherwise open
   * episodes keep the rule version they opened under and the next evaluation uses the new one.
   */
  async replace(id: string, spec: AlertRuleSpec): Promise<StoredAlertRule | null> {
    return this.db.transaction(async (tx) => {
      const current = (await tx.query(`SELECT ${COLUMNS} FROM alert_rules WHERE id = $1 FOR UPDATE`, [
        id,
      ])) as RuleRow[];
      if (current.length === 0) return null;
      const before = toRule(current[0]);
      const rows = (await tx.query(
        // Wrapped in a CTE: TypeORM returns [rows, count] for a bare UPDATE ... RETURNING.
        `WITH updated AS (
         UPDATE alert_rules SET name = $2, lab_slug = $3, platform = $4, metric = $5, direction = $6, detector = $7, bucket = $8,
           window_size = $9, baseline = $10, baseline_kind = $11, enter_threshold = $12, exit_threshold = $13, min_volume = $14,
           min_effect = $15, pending_for = $16, resolve_after = $17, cooldown = $18, escalation_factor = $19,
           repeat_interval = $20, min_coverage = $21, send_resolved = $22, severity = $23, enabled = $24,
           version = version + 1, updated_at = now()
         WHERE id = $1 RETURNING ${COLUMNS})
         SELECT * FROM updated`,
        [id, ...specParams(spec)],
      )) as RuleRow[];
      const after = toRule(rows[0]);
      // A different bucket size makes the stored watermark and lifecycle meaningless too.
      if (KEY_FIELDS.some((field) => before[field] !== after[field]) || before.bucket !== after.bucket)
        await this.restartKeys(tx, id);
      return after;
    });
  }

  /** Deletes a rule; its open episodes are cancelled first (closed episodes keep their history). */
  async delete(id: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await this.cancelOpen(tx, id);
      const rows = (await tx.query('WITH d AS (DELETE FROM alert_rules WHERE id = $1 RETURNING id) SELECT id FROM d', [
        id,
      ])) as unknown[];
      return rows.length > 0;
    });
  }

  private async restartKeys(tx: EntityManager, ruleId: string): Promise<void> {
    await this.cancelOpen(tx, ruleId);
    await tx.query('DELETE FROM alert_states WHERE rule_id = $1', [ruleId]);
  }

  private async cancelOpen(tx: EntityManager, ruleId: string): Promise<void> {
    await tx.query(
      `UPDATE alerts SET status = 'cancelled', ends_at = coalesce(ends_at, now()), updated_at = now()
       WHERE rule_id = $1 AND status IN ('pending', 'firing')`,
      [ruleId],
    );
  }
}

interface RuleRow {
  id: string;
  name: string;
  lab_slug: string | null;
  platform: AlertRuleSpec['platform'];
  metric: AlertRuleSpec['metric'];
  direction: AlertRuleSpec['direction'];
  detector: AlertRuleSpec['detector'];
  bucket: AlertRuleSpec['bucket'];
  window_size: string;
  baseline: string;
  baseline_kind: AlertRuleSpec['baselineKind'];
  enter_threshold: number;
  exit_threshold: number;
  min_volume: number;
  min_effect: number;
  pending_for: string;
  resolve_after: string;
  cooldown: string;
  escalation_factor: number | null;
  repeat_interval: string;
  min_coverage: number;
  send_resolved: boolean;
  severity: AlertRuleSpec['severity'];
  enabled: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
}

function toRule(r: RuleRow): StoredAlertRule {
  return {
    id: r.id,
    name: r.name,
    labId: r.lab_slug,
    platform: r.platform,
    metric: r.metric,
    direction: r.direction,
    detector: r.detector,
    bucket: r.bucket,
    window: r.window_size,
    baseline: r.baseline,
    baselineKind: r.baseline_kind,
    enterThreshold: Number(r.enter_threshold),
    exitThreshold: Number(r.exit_threshold),
    minVolume: Number(r.min_volume),
    minEffect: Number(r.min_effect),
    pendingFor: r.pending_for,
    resolveAfter: r.resolve_after,
    cooldown: r.cooldown,
    escalationFactor: r.escalation_factor === null ? null : Number(r.escalation_factor),
    repeatInterval: r.repeat_interval,
    minCoverage: Number(r.min_coverage),
    sendResolved: r.send_resolved,
    severity: r.severity,
    enabled: r.enabled,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
