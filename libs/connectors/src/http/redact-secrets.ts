/**
 * Removes tokens from text bound for logs or error messages: the known secrets themselves and any
 * `access_token=` query value (Facebook puts the token in its paging URLs).
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let result = text.replace(/(access_token=)[^&\s"']+/gi, '$1[redacted]');
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) result = result.split(form).join('[redacted]');
  }
  return result;
}
