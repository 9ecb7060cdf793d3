import type { NormalizedPost, RejectedItem } from '../source-connector';
import { importLineSchema, toNormalizedPost } from './import-line.schema';

export type ParsedLine = { ok: true; post: NormalizedPost } | { ok: false; rejection: RejectedItem };

const EXCERPT_LENGTH = 120;

/** Parses one JSONL line; a bad line becomes a rejection naming the line, the field and why. */
export function parseImportLine(text: string, lineNumber: number): ParsedLine {
  const location = `line ${lineNumber}`;
  const excerpt = text.slice(0, EXCERPT_LENGTH);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, rejection: { location, reason: `not valid JSON (${(error as Error).message})`, excerpt } };
  }
  const parsed = importLineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.length > 0 ? issue.path.join('.') : 'line';
    const reason =
      issue.code === 'unrecognized_keys'
        ? `unknown field ${unknownFields(issue.path, issue.keys).join(', ')}`
        : `${field}: ${issue.message}`;
    return { ok: false, rejection: { location, reason, excerpt } };
  }
  return { ok: true, post: toNormalizedPost(parsed.data) };
}

/** `engagement.views`; a key that is not a plain word is quoted as JSON, so a NUL in it is never stored raw. */
export function unknownFields(path: readonly PropertyKey[], keys: readonly string[]): string[] {
  return keys.map((key) => [...path.map(String), /^[\w-]+$/.test(key) ? key : JSON.stringify(key)].join('.'));
}
