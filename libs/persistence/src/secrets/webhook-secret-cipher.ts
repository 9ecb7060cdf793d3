import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { openSecret, sealSecret, sealedKeyId, secretKeyId } from './secret-box';

/** Thrown when a secret must be sealed or opened and WEBHOOK_SECRET_KEY is not set. */
export class WebhookSecretKeyMissingError extends Error {
  constructor() {
    super(
      'WEBHOOK_SECRET_KEY is not set: webhook secrets are only stored encrypted (see docs/security.md, "Webhook secrets at rest")',
    );
  }
}

/** Seals webhook secrets before they are written and opens them after they are read (secret-box.ts). */
@Injectable()
export class WebhookSecretCipher {
  private readonly current: Buffer | null;
  private readonly readable: readonly Buffer[];

  constructor(@Inject(APP_CONFIG) config: Pick<AppConfig, 'webhooks'>) {
    this.current = config.webhooks.secretKey;
    this.readable = [...(this.current ? [this.current] : []), ...config.webhooks.previousSecretKeys];
  }

  /** Whether secrets can be stored (WEBHOOK_SECRET_KEY is set). */
  get canSeal(): boolean {
    return this.current !== null;
  }

  seal(secret: string): string {
    if (!this.current) throw new WebhookSecretKeyMissingError();
    return sealSecret(this.current, secret);
  }

  open(stored: string): string {
    if (this.readable.length === 0) throw new WebhookSecretKeyMissingError();
    return openSecret(this.readable, stored);
  }

  /** Whether `stored` was sealed with another key than the current one (a rotation re-seals it). */
  isStale(stored: string): boolean {
    return this.current !== null && sealedKeyId(stored) !== secretKeyId(this.current);
  }
}
