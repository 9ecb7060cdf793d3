import { randomBytes } from 'node:crypto';

/**
 * Paging tokens a client cannot predict or build by hand (docs/platform-apis.md#cursors-are-opaque). The same key always gets the
 * same token, so reusing a token returns the same page, as X documents for next_token.
 */
export class OpaqueTokenStore<T> {
  private readonly byToken = new Map<string, T>();
  private readonly byKey = new Map<string, string>();

  constructor(private readonly prefix = '') {}

  issue(key: string, state: T): string {
    const existing = this.byKey.get(key);
    if (existing !== undefined) return existing;
    const token = `${this.prefix}${randomBytes(18).toString('base64url')}`;
    this.byKey.set(key, token);
    this.byToken.set(token, state);
    return token;
  }

  resolve(token: string): T | undefined {
    return this.byToken.get(token);
  }

  /** Invalidates every token issued so far (simulates expired cursors). */
  expireAll(): void {
    this.byToken.clear();
    this.byKey.clear();
  }
}
