import { type DataSource } from 'typeorm';
import type { AppConfig } from '@labpulse/config';
import { createDataSource } from '@labpulse/persistence';

// Everything a test may write; labs stay (seeded by the migrations) unless a test restores them.
const DATA_TABLES = [
  // alerting (issue 6); alert_rules stay, seeded by a migration like the labs
  'webhook_attempts',
  'webhook_deliveries',
  'webhook_endpoints',
  'alert_evaluations',
  'alert_events',
  'alerts',
  'alert_states',
  'api_keys',
  'source_poll_outcomes',
  'source_health_buckets',
  'source_coverage_buckets',
  'ingest_rejections',
  'trend_buckets',
  'trend_buckets_all_platforms',
  'dirty_buckets',
  'post_lab_mentions',
  'post_scores',
  'pending_scores',
  'posts',
  'sources',
  // data lifecycle: a test that purged must not leave the next one refusing old posts
  'retention_watermark',
];

export async function openTestDatabase(config: AppConfig): Promise<DataSource> {
  const db = createDataSource(config.database);
  await db.initialize();
  return db;
}

/** Empties the data tables; the schema and the seeded labs stay. */
export async function resetData(db: DataSource): Promise<void> {
  await db.query(`TRUNCATE ${DATA_TABLES.join(', ')} RESTART IDENTITY CASCADE`);
}
