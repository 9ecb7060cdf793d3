import { NotAcceptableException } from '@nestjs/common';

export const FORMATS = ['json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

const MEDIA: Record<Format, string> = { json: 'application/json', csv: 'text/csv' };

/**
 * Picks JSON or CSV: an explicit `format` parameter wins; otherwise the Accept header's best match
 * by q-value (JSON when absent or `*\/*`). Nothing acceptable is a 406.
 */
export function negotiateFormat(
  format: Format | undefined,
  accept: string | undefined,
  offered: readonly Format[] = FORMATS,
): Format {
  if (format) return format;
  if (!accept || accept.trim() === '') return offered[0];
  let best: { format: Format; q: number; specificity: number } | null = null;
  for (const range of accept.split(',')) {
    const [type, ...params] = range.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    for (const candidate of offered) {
      const media = MEDIA[candidate];
      const specificity = type === media ? 2 : type === `${media.split('/')[0]}/*` ? 1 : type === '*/*' ? 0 : -1;
      if (specificity < 0) continue;
      if (!best || q > best.q || (q === best.q && specificity > best.specificity))
        best = { format: candidate, q, specificity };
    }
  }
  if (!best)
    throw new NotAcceptableException(`this resource is available as ${offered.map((f) => MEDIA[f]).join(' or ')}`);
  return best.format;
}
