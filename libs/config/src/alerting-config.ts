import { z } from 'zod';

const DURATION_UNITS_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** "5s,5m,30m" -> [5000, 300000, 1800000]; null when an item is malformed. */
function parseDurationList(text: string): number[] | null {
  const out: number[] = [];
  for (const item of text.split(',').map((s) => s.trim())) {
    const match = /^(\d{1,9})(ms|s|m|h|d)$/.exec(item);
    if (!match) return null;
    out.push(Number(match[1]) * DURATION_UNITS_MS[match[2]]);
  }
  return out;
}

/** A 32-byte key written in base64 (`openssl rand -base64 32`); null when it is not one. */
function parseSecretKey(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/_-]{43}=?$/.test(text.trim())) return null;
  const key = Buffer.from(text.trim(), 'base64');
  return key.length === 32 ? key : null;
}

const SECRET_KEY_MESSAGE = 'must be 32 random bytes in base64 (e.g. from `openssl rand -base64 32`)';

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true');

/** Environment variables of alert evaluation and webhook delivery (spread into envSchema). */
export const ALERTING_ENV = {
  /** How often every rule is evaluated on a schedule (besides after each aggregation). */
  ALERT_EVALUATION_INTERVAL_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** A bucket is evaluated once its end plus this much has passed (late posts still count). */
  ALERT_ALLOWED_LATENESS_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
  /** A key seen for the first time (or after a long pause) is evaluated this far back, no further. */
  ALERT_LOOKBACK_MS: z.coerce
    .number()
    .int()
    .min(60_000)
    .max(30 * 86_400_000)
    .default(86_400_000),
  /** Freezes the evaluator's clock at this instant (replays and tests); unset = the real time. */
  ALERT_EVALUATION_NOW: z.iso
    .datetime({ offset: true, message: 'must be an ISO 8601 timestamp with a zone' })
    .optional(),
  /** Base URL of the API for links in webhook payloads; links are null when unset. */
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  /** Allow webhook targets on loopback and private networks (tests, on-premise receivers). */
  WEBHOOK_ALLOW_PRIVATE: flag(false),
  /** Only https webhook URLs (turn off for local receivers). */
  WEBHOOK_REQUIRE_HTTPS: flag(true),
  /** Whole-attempt timeout of a webhook POST, connect to last byte read. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(15_000),
  /** Waits after each failed attempt (Svix's schedule); its length + 1 is the attempt budget. */
  WEBHOOK_RETRY_SCHEDULE: z
    .string()
    .refine((v) => {
      const list = parseDurationList(v);
      return list !== null && list.length >= 1 && list.length <= 15;
    }, 'must be 1-15 comma-separated durations such as 5s,5m,30m,2h')
    .default('5s,5m,30m,2h,5h,10h,10h'),
  /** Encrypts webhook signing secrets at rest (AES-256-GCM); without it no webhook can be created. A secret. */
  WEBHOOK_SECRET_KEY: z
    .string()
    .refine((v) => parseSecretKey(v) !== null, SECRET_KEY_MESSAGE)
    .optional(),
  /** Comma-separated keys that sealed secrets before a rotation: still read, never written with. Secrets. */
  WEBHOOK_SECRET_KEYS_PREVIOUS: z
    .string()
    .refine(
      (v) => v.split(',').every((k) => parseSecretKey(k) !== null),
      `must be comma-separated keys that each ${SECRET_KEY_MESSAGE}`,
    )
    .optional(),
};

type AlertingEnv = z.infer<z.ZodObject<typeof ALERTING_ENV>>;

export interface AlertsConfig {
  evaluationIntervalMs: number;
  allowedLatenessMs: number;
  lookbackMs: number;
  /** Epoch ms the evaluator treats as now, or null for the real time. */
  evaluationNow: number | null;
  publicBaseUrl: string | null;
}

export interface WebhooksConfig {
  /** Seals new secrets and opens stored ones; null when WEBHOOK_SECRET_KEY is unset. Secret. */
  secretKey: Buffer | null;
  /** Open secrets sealed before a key rotation. Secret. */
  previousSecretKeys: Buffer[];
  allowPrivate: boolean;
  requireHttps: boolean;
  timeoutMs: number;
  retryDelaysMs: number[];
}

export function toAlertsConfig(env: AlertingEnv): AlertsConfig {
  return {
    evaluationIntervalMs: env.ALERT_EVALUATION_INTERVAL_MS,
    allowedLatenessMs: env.ALERT_ALLOWED_LATENESS_MS,
    lookbackMs: env.ALERT_LOOKBACK_MS,
    evaluationNow: env.ALERT_EVALUATION_NOW ? Date.parse(env.ALERT_EVALUATION_NOW) : null,
    publicBaseUrl: env.PUBLIC_BASE_URL ?? null,
  };
}

export function toWebhooksConfig(env: AlertingEnv): WebhooksConfig {
  return {
    secretKey: env.WEBHOOK_SECRET_KEY ? parseSecretKey(env.WEBHOOK_SECRET_KEY) : null,
    previousSecretKeys: (env.WEBHOOK_SECRET_KEYS_PREVIOUS ?? '')
      .split(',')
      .filter((k) => k.trim() !== '')
      .map((k) => parseSecretKey(k) as Buffer),
    allowPrivate: env.WEBHOOK_ALLOW_PRIVATE,
    requireHttps: env.WEBHOOK_REQUIRE_HTTPS,
    timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    retryDelaysMs: parseDurationList(env.WEBHOOK_RETRY_SCHEDULE) ?? [],
  };
}
