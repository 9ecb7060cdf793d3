/**
 * What a platform connector needs from configuration. Built by the caller from libs/config;
 * connectors never read process.env.
 */
export interface ConnectorSettings {
  /** Scheme and host (optionally a path prefix) of the platform API, e.g. `https://api.x.com`. */
  baseUrl: string;
  /** Bearer / access token. Never logged and never placed in an error message. */
  token: string;
  /** Facebook Graph version (`v25.0`) or LinkedIn-Version (`202608`); ignored by X. */
  version?: string;
  /** Per-request timeout, including reading the body. */
  timeoutMs: number;
  /** Clock used for reset / resume times and look-back windows; defaults to the system clock. */
  now?: () => Date;
}

export const DEFAULT_FACEBOOK_GRAPH_VERSION = 'v25.0';
export const DEFAULT_LINKEDIN_VERSION = '202608';
