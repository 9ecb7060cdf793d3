/**
 * Characters of a post that lab matching and scoring read: posts longer than this (X allows 25,000,
 * Facebook 63,206) are judged on their beginning, so one post costs a few milliseconds at most.
 */
export const MAX_SCANNED_CHARS = 5_000;

/** The first MAX_SCANNED_CHARS characters of `text`, never cutting a surrogate pair in two. */
export function scannedText(text: string): string {
  if (text.length <= MAX_SCANNED_CHARS) return text;
  const last = text.charCodeAt(MAX_SCANNED_CHARS - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? MAX_SCANNED_CHARS - 1 : MAX_SCANNED_CHARS);
}
