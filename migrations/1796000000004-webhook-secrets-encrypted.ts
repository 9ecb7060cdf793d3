import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loadConfig } from '@labpulse/config';
import { SEALED_PREFIX, isSealed, openSecret, sealSecret } from '../libs/persistence/src/secrets/secret-box';

/**
 * Issue 16: webhook signing secrets were stored in clear. From here on they are sealed with
 * AES-256-GCM under WEBHOOK_SECRET_KEY (libs/persistence/src/secrets/secret-box.ts), and CHECK
 * constraints make a clear-text secret impossible to store again.
 *
 * Existing clear secrets are sealed in place, so receivers keep verifying the same signatures. That
 * needs the key when this migration runs: with clear secrets stored and no WEBHOOK_SECRET_KEY, it
 * stops with a message saying so (and changes nothing) rather than leave them in clear or drop them.
 * A database without webhooks migrates with or without the key.
 */
export class WebhookSecretsEncrypted1796000000004 implements MigrationInterface {
  name = 'WebhookSecretsEncrypted1796000000004';

  async up(db: QueryRunner): Promise<void> {
    const clear = (await db.query(
      `SELECT id, secret, previous_secret FROM webhook_endpoints
       WHERE secret NOT LIKE $1 OR (previous_secret IS NOT NULL AND previous_secret NOT LIKE $1) ORDER BY id`,
      [`${SEALED_PREFIX}%`],
    )) as Array<{ id: string; secret: string; previous_secret: string | null }>;
    if (clear.length > 0) {
      const key = loadConfig().webhooks.secretKey;
      if (!key) {
        throw new Error(
          `${clear.length} webhook endpoint(s) have their signing secret stored in clear: set WEBHOOK_SECRET_KEY ` +
            '(32 random bytes in base64, e.g. `openssl rand -base64 32`) and migrate again; they will be encrypted in place',
        );
      }
      const seal = (stored: string): string => (isSealed(stored) ? stored : sealSecret(key, stored));
      for (const row of clear) {
        await db.query('UPDATE webhook_endpoints SET secret = $2, previous_secret = $3 WHERE id = $1', [
          row.id,
          seal(row.secret),
          row.previous_secret === null ? null : seal(row.previous_secret),
        ]);
      }
    }
    await db.query(`
      ALTER TABLE webhook_endpoints
        ADD CONSTRAINT webhook_endpoints_secret_sealed CHECK (secret LIKE '${SEALED_PREFIX}%'),
        ADD CONSTRAINT webhook_endpoints_previous_secret_sealed CHECK (previous_secret IS NULL OR previous_secret LIKE '${SEALED_PREFIX}%')`);
  }

  /** Back to clear text: needs every key that sealed a stored secret (current and previous). */
  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE webhook_endpoints
        DROP CONSTRAINT webhook_endpoints_secret_sealed,
        DROP CONSTRAINT webhook_endpoints_previous_secret_sealed`);
    const rows = (await db.query('SELECT id, secret, previous_secret FROM webhook_endpoints ORDER BY id')) as Array<{
      id: string;
      secret: string;
      previous_secret: string | null;
    }>;
    if (rows.length === 0) return;
    const { secretKey, previousSecretKeys } = loadConfig().webhooks;
    const keys = [...(secretKey ? [secretKey] : []), ...previousSecretKeys];
    const open = (stored: string): string => (isSealed(stored) ? openSecret(keys, stored) : stored);
    for (const row of rows) {
      await db.query('UPDATE webhook_endpoints SET secret = $2, previous_secret = $3 WHERE id = $1', [
        row.id,
        open(row.secret),
        row.previous_secret === null ? null : open(row.previous_secret),
      ]);
    }
  }
}
