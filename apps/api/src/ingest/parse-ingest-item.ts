import { importLineSchema, type NormalizedPost, toNormalizedPost, unknownFields } from '@labpulse/connectors';

export interface ItemRejection {
  index: number;
  /** Path of the offending field, e.g. `posts[3].created_at`. */
  parameter: string;
  message: string;
  /** As stored in ingest_rejections, worded like an import line's (`created_at: must be ...`). */
  reason: string;
  excerpt: string;
}

export type ParsedItem = { ok: true; post: NormalizedPost } | { ok: false; rejection: ItemRejection };

const EXCERPT_LENGTH = 120;

/** Checks one pushed post against the import line schema; a bad one names its index and field. */
export function parseIngestItem(item: unknown, index: number): ParsedItem {
  const parsed = importLineSchema.safeParse(item);
  if (parsed.success) return { ok: true, post: toNormalizedPost(parsed.data) };
  const at = `posts[${index}]`;
  const issue = parsed.error.issues[0];
  const excerpt = (JSON.stringify(item) ?? String(item)).slice(0, EXCERPT_LENGTH);
  if (issue.code === 'unrecognized_keys') {
    const fields = unknownFields(issue.path, issue.keys);
    const message = `unknown field ${fields.join(', ')}`;
    return { ok: false, rejection: { index, parameter: `${at}.${fields[0]}`, message, reason: message, excerpt } };
  }
  const path = issue.path.map(String).join('.');
  const rejection = {
    index,
    parameter: path ? `${at}.${path}` : at,
    message: issue.message,
    reason: `${path || 'post'}: ${issue.message}`,
    excerpt,
  };
  return { ok: false, rejection };
}
