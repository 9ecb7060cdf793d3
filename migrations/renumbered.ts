/**
 * Migrations whose timestamps were changed after release. Four once carried timestamps in the
 * future (1797-1799.5e12, i.e. December 2026 and January 2027), so a migration generated from the
 * clock before then would have sorted before them on a fresh database. They were moved just after
 * 1796000000000 in the same order; a database that applied them under their old names has its
 * `typeorm_migrations` rows renamed before anything runs (runMigrations), so nothing runs twice.
 * Never remove an entry: a database may be upgraded from any earlier release.
 */
export const RENUMBERED_MIGRATIONS: ReadonlyArray<{ from: string; to: string; timestamp: number }> = [
  {
    from: 'PostChildrenWithoutForeignKeys1797000000000',
    to: 'PostChildrenWithoutForeignKeys1796000000001',
    timestamp: 1796000000001,
  },
  {
    from: 'MentionSortKeysTriggerOnlyWhenMissing1798000000000',
    to: 'MentionSortKeysTriggerOnlyWhenMissing1796000000002',
    timestamp: 1796000000002,
  },
  { from: 'SeedLabsV21799000000000', to: 'SeedLabsV21796000000003', timestamp: 1796000000003 },
  {
    from: 'WebhookSecretsEncrypted1799500000000',
    to: 'WebhookSecretsEncrypted1796000000004',
    timestamp: 1796000000004,
  },
];
