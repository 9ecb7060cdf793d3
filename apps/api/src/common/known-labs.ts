import { NotFoundException } from '@nestjs/common';
import type { LabRepository } from '@labpulse/persistence';

/** The labs, in the order asked; a 404 naming every slug that is not in the catalogue. */
export async function requireLabs(
  labs: LabRepository,
  slugs: string[],
): Promise<Array<{ slug: string; name: string }>> {
  const known = new Map((await labs.findBySlugs(slugs)).map((lab) => [lab.slug, lab.name]));
  const missing = slugs.filter((slug) => !known.has(slug));
  if (missing.length > 0) throw new NotFoundException(`unknown lab: ${missing.join(', ')}`);
  return slugs.map((slug) => ({ slug, name: known.get(slug) as string }));
}

/** Distinct values of a comma-separated list, in first-seen order. */
export function splitList(value: string | undefined): string[] {
  return value ? [...new Set(value.split(','))] : [];
}
