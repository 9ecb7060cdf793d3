// Shapes of secrets LabPulse handles: API keys (the 11-character prefix may be shown), webhook
// signing secrets, bearer credentials and Facebook's access_token query values.
const PATTERNS: Array<[RegExp, string]> = [
  [/\b(lp_[A-Za-z0-9_-]{8})[A-Za-z0-9_-]{35}\b/g, '$1…[redacted]'],
  [/\bwhs(ec|k)_[A-Za-z0-9+/=_-]+/g, 'whs$1_[redacted]'],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi, '$1 [redacted]'],
  [/(access_token=)[^&\s"']+/gi, '$1[redacted]'],
];

/** Removes secrets from free text bound for a log line: known values (platform tokens) and known shapes. */
export function scrubSecrets(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  for (const [pattern, replacement] of PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/** Object paths pino blanks out whatever the message: credentials in headers and secret-named fields. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  '*.token',
  '*.accessToken',
  '*.secret',
  '*.previousSecret',
  '*.password',
  '*.apiKey',
];
