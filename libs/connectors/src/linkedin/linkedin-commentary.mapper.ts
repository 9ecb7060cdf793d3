/**
 * Turns LinkedIn "little text" (docs/platform-apis.md#linkedin-post-fields) into plain text to score: `@[Name](urn:li:organization:1)`
 * becomes `Name`, `{hashtag|\#|AI}` becomes `#AI`, and backslash escapes of reserved characters
 * are removed.
 */
export function commentaryToText(commentary: string): string {
  return commentary
    .replace(/@\[((?:\\.|[^\]\\])*)\]\(urn:li:[A-Za-z]+:[^)\s]*\)/g, '$1')
    .replace(/\{hashtag\|\\?#\|([^}]*)\}/g, '#$1')
    .replace(/\\([|{}@[\]()<>#\\*_~])/g, '$1');
}
