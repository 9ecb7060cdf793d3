import { InitialSchema1764367200000 } from './1764367200000-initial-schema';
import { SeedLabs1764367200001 } from './1764367200001-seed-labs';
import { TrendsApi1795903446048 } from './1795903446048-trends-api';
import { Alerts1795903511793 } from './1795903511793-alerts';
import { DataLifecycle1796000000000 } from './1796000000000-data-lifecycle';
import { PostChildrenWithoutForeignKeys1796000000001 } from './1796000000001-post-children-without-foreign-keys';
import { MentionSortKeysTriggerOnlyWhenMissing1796000000002 } from './1796000000002-mention-sort-keys-trigger-only-when-missing';
import { SeedLabsV21796000000003 } from './1796000000003-seed-labs-v2';
import { WebhookSecretsEncrypted1796000000004 } from './1796000000004-webhook-secrets-encrypted';
import { TrendBucketsAllPlatforms1796530000000 } from './1796530000000-trend-buckets-all-platforms';
import { SourceHealthLatestOutcome1796530000001 } from './1796530000001-source-health-latest-outcome';
import { SeedLabsV31796530000002 } from './1796530000002-seed-labs-v3';
import { SourceCoverageBuckets1796539112697 } from './1796539112697-source-coverage-buckets';
import { WebhookAllEvents1796539887458 } from './1796539887458-webhook-all-events';

/** Every migration in order. Listed explicitly so nothing depends on file globs at run time. */
export const MIGRATIONS = [
  InitialSchema1764367200000,
  SeedLabs1764367200001,
  TrendsApi1795903446048,
  Alerts1795903511793,
  DataLifecycle1796000000000,
  PostChildrenWithoutForeignKeys1796000000001,
  MentionSortKeysTriggerOnlyWhenMissing1796000000002,
  SeedLabsV21796000000003,
  WebhookSecretsEncrypted1796000000004,
  TrendBucketsAllPlatforms1796530000000,
  SourceHealthLatestOutcome1796530000001,
  SeedLabsV31796530000002,
  SourceCoverageBuckets1796539112697,
  WebhookAllEvents1796539887458,
];

export { RENUMBERED_MIGRATIONS } from './renumbered';
