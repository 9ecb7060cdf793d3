import type { EpisodeStatus } from '@labpulse/alerts';

/** The columns of an `alerts` row as AlertRow reads them (seq as text: a bigint). */
export const ALERT_COLUMNS = `id, seq::text AS seq, rule_id, rule_version, rule_snapshot, lab_slug, platform, metric, direction, dedupe_key,
  status, opened_at, starts_at, ends_at, sequence, last_notified_at, peak_score, escalated, created_at, updated_at`;

export interface AlertRow {
  id: string;
  seq: string;
  rule_id: string | null;
  rule_version: number;
  rule_snapshot: Record<string, unknown>;
  lab_slug: string;
  platform: string;
  metric: string;
  direction: string;
  dedupe_key: string;
  status: EpisodeStatus;
  opened_at: Date;
  starts_at: Date | null;
  ends_at: Date | null;
  sequence: number;
  last_notified_at: Date | null;
  peak_score: number | null;
  escalated: boolean;
  created_at: Date;
  updated_at: Date;
}
