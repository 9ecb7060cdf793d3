import { loadConfigOrExit } from '@labpulse/config';
import { createDataSource, WebhookRepository, WebhookSecretCipher } from '@labpulse/persistence';
import { type CliCommand, UsageError } from '../cli-command';

/**
 * The last step of a WEBHOOK_SECRET_KEY rotation (docs/security.md, "Webhook secrets at rest"): re-encrypts
 * every webhook secret sealed with a key other than WEBHOOK_SECRET_KEY (read with one of
 * WEBHOOK_SECRET_KEYS_PREVIOUS), after which the previous keys can be dropped.
 */
export const webhooksCommand: CliCommand = {
  name: 'webhooks',
  usage: 'webhooks reseal',
  summary: 're-encrypt webhook secrets with WEBHOOK_SECRET_KEY (after a key rotation)',
  async run(argv, io) {
    if (argv[0] !== 'reseal' || argv.length !== 1) throw new UsageError('webhooks needs reseal');
    const config = loadConfigOrExit();
    if (!config.webhooks.secretKey) {
      io.stderr.write('WEBHOOK_SECRET_KEY is not set: nothing to re-encrypt with\n');
      return 1;
    }
    const db = createDataSource({ url: config.database.url, poolSize: 1 });
    await db.initialize();
    try {
      const changed = await new WebhookRepository(db, new WebhookSecretCipher(config)).resealStale();
      io.stdout.write(`re-encrypted the secrets of ${changed} webhook endpoint(s) with the current key\n`);
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
