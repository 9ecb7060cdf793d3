import type { LabDefinition } from './lab-definition';
import { SuffixPattern } from './suffix-pattern';
import { termAtoms } from './term-atoms';

/**
 * Size limits of one catalogue entry. Each list's length is checked before its items are, so an
 * oversized edit is refused without walking it. The default catalogue's largest list (context, with
 * the shared AI words) holds under 100 terms.
 */
export const LAB_LIMITS = {
  /** Items in each of aliases, products, people, handles, hashtags, context, and an entry's support and veto. */
  termsPerList: 200,
  /** Entries in ambiguous. */
  ambiguousTerms: 100,
  /** Characters of one term, handle or hashtag. */
  termLength: 100,
} as const;
const AMBIGUOUS_KEYS = new Set([
  'text',
  'kind',
  'acceptSuffix',
  'support',
  'veto',
  'vetoWindow',
  'caseRule',
  'otherLabsSupport',
]);

const SLUG_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TERM_KINDS = new Set(['alias', 'product', 'person']);
const TAG_BODY_RE = /^[\p{L}\p{N}_]+$/u;
const CASE_RULES = new Set(['require', 'accept-exact']);

/**
 * Problems with a catalogue entry received over REST (empty when it is valid). Checked before the
 * matcher is recompiled so one bad edit cannot break scoring for every lab.
 */
export function validateLabDefinition(value: unknown): string[] {
  const errors: string[] = [];
  if (!isRecord(value)) return ['a lab definition must be an object'];
  if (typeof value.slug !== 'string' || !SLUG_RE.test(value.slug))
    errors.push('slug must be lower-case kebab (a-z, 0-9, "-")');
  if (typeof value.name !== 'string' || value.name.trim() === '') errors.push('name must be a non-empty string');
  for (const field of ['aliases', 'products', 'people', 'context'] as const) checkTerms(value[field], field, errors);
  checkTags(value.handles, 'handles', '@', errors);
  checkTags(value.hashtags, 'hashtags', '#', errors);
  if (!Array.isArray(value.ambiguous)) {
    errors.push('ambiguous must be an array');
  } else if (value.ambiguous.length > LAB_LIMITS.ambiguousTerms) {
    errors.push(`ambiguous must hold at most ${LAB_LIMITS.ambiguousTerms} entries`);
  } else {
    value.ambiguous.forEach((amb: unknown, i: number) => checkAmbiguous(amb, `ambiguous[${i}]`, errors));
  }
  return errors;
}

/** Problems across a whole catalogue: each entry's, plus duplicate slugs. */
export function validateLabDefinitions(value: unknown): string[] {
  if (!Array.isArray(value)) return ['the catalogue must be an array'];
  const errors = value.flatMap((d: unknown, i: number) => validateLabDefinition(d).map((e) => `labs[${i}]: ${e}`));
  const seen = new Set<string>();
  for (const d of value as Array<Partial<LabDefinition>>) {
    if (typeof d?.slug !== 'string') continue;
    if (seen.has(d.slug)) errors.push(`duplicate slug "${d.slug}"`);
    seen.add(d.slug);
  }
  return errors;
}

function checkTerms(list: unknown, field: string, errors: string[]): void {
  if (!checkList(list, field, errors)) return;
  list.forEach((t: unknown, i: number) => {
    if (typeof t !== 'string' || termAtoms(t).length === 0)
      errors.push(`${field}[${i}] must contain a letter or digit`);
    else if (t.length > LAB_LIMITS.termLength)
      errors.push(`${field}[${i}] must be at most ${LAB_LIMITS.termLength} characters`);
  });
}

function checkTags(list: unknown, field: string, prefix: string, errors: string[]): void {
  if (!checkList(list, field, errors)) return;
  list.forEach((t: unknown, i: number) => {
    if (typeof t !== 'string' || !(t.startsWith(prefix) && TAG_BODY_RE.test(t.slice(1))))
      errors.push(`${field}[${i}] must look like ${prefix}name`);
    else if (t.length > LAB_LIMITS.termLength)
      errors.push(`${field}[${i}] must be at most ${LAB_LIMITS.termLength} characters`);
  });
}

/** An array within the size limit (checked before any item is looked at). */
function checkList(list: unknown, field: string, errors: string[]): list is unknown[] {
  if (!Array.isArray(list)) {
    errors.push(`${field} must be an array of strings`);
    return false;
  }
  if (list.length > LAB_LIMITS.termsPerList) {
    errors.push(`${field} must hold at most ${LAB_LIMITS.termsPerList} items`);
    return false;
  }
  return true;
}

function checkAmbiguous(amb: unknown, where: string, errors: string[]): void {
  if (!isRecord(amb)) {
    errors.push(`${where} must be an object`);
    return;
  }
  if (typeof amb.text !== 'string' || termAtoms(amb.text).length === 0)
    errors.push(`${where}.text must contain a letter or digit`);
  else if (amb.text.length > LAB_LIMITS.termLength)
    errors.push(`${where}.text must be at most ${LAB_LIMITS.termLength} characters`);
  if (typeof amb.kind !== 'string' || !TERM_KINDS.has(amb.kind))
    errors.push(`${where}.kind must be alias, product or person`);
  const unknown = Object.keys(amb).filter((key) => !AMBIGUOUS_KEYS.has(key));
  if (unknown.length > 0)
    errors.push(`${where}.${unknown[0]} is not a field of an ambiguous term (${[...AMBIGUOUS_KEYS].join(', ')})`);
  if (amb.acceptSuffix !== undefined) {
    // The linear-time pattern language of suffix-pattern.ts, not JavaScript RegExp.
    const compiled =
      typeof amb.acceptSuffix === 'string' ? SuffixPattern.compile(amb.acceptSuffix) : 'must be a string';
    if (typeof compiled === 'string') errors.push(`${where}.acceptSuffix ${compiled}`);
  }
  for (const field of ['support', 'veto'] as const)
    if (amb[field] !== undefined) checkTerms(amb[field], `${where}.${field}`, errors);
  if (
    amb.vetoWindow !== undefined &&
    !(Number.isInteger(amb.vetoWindow) && Number(amb.vetoWindow) >= 0 && Number(amb.vetoWindow) <= 50)
  ) {
    errors.push(`${where}.vetoWindow must be an integer from 0 to 50`);
  }
  if (amb.caseRule !== undefined && !(typeof amb.caseRule === 'string' && CASE_RULES.has(amb.caseRule))) {
    errors.push(`${where}.caseRule must be "require" or "accept-exact"`);
  }
  if (amb.otherLabsSupport !== undefined && typeof amb.otherLabsSupport !== 'boolean')
    errors.push(`${where}.otherLabsSupport must be a boolean`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
