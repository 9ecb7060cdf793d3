import { InitialSchema1764367200000 } from './1764367200000-initial-schema';
import { SeedLabs1764367200001 } from './1764367200001-seed-labs';
import { TrendsApi1795903446048 } from './1795903446048-trends-api';
import { Alerts1795903511793 } from './1795903511793-alerts';
import { DataLifecycle1796000000000 } from './1796000000000-data-lifecycle';
import { PostChildrenWithoutForeignKeys1797000000000 } from './1797000000000-post-children-without-foreign-keys';
import { MentionSortKeysTriggerOnlyWhenMissing1798000000000 } from './1798000000000-mention-sort-keys-trigger-only-when-missing';
import { SeedLabsV21799000000000 } from './1799000000000-seed-labs-v2';
import { WebhookSecretsEncrypted1799500000000 } from './1799500000000-webhook-secrets-encrypted';
import { SeedLabsV31799700000000 } from './1799700000000-seed-labs-v3';

/** Every migration in order. Listed explicitly so nothing depends on file globs at run time. */
export const MIGRATIONS = [
  InitialSchema1764367200000,
  SeedLabs1764367200001,
  TrendsApi1795903446048,
  Alerts1795903511793,
  DataLifecycle1796000000000,
  PostChildrenWithoutForeignKeys1797000000000,
  MentionSortKeysTriggerOnlyWhenMissing1798000000000,
  SeedLabsV21799000000000,
  WebhookSecretsEncrypted1799500000000,
  SeedLabsV31799700000000,
];
