import type { QueryRunner } from 'typeorm';

export interface SeedLab {
  slug: string;
  name: string;
  aliases: string[];
}

/**
 * Moves every lab still exactly as `from` seeded it to `to`; adds the labs `to` brings and removes
 * those it drops. A definition edited over the REST API is the operator's and stays as edited.
 */
export async function replaceSeedLabs(
  db: QueryRunner,
  from: readonly SeedLab[],
  to: readonly SeedLab[],
): Promise<void> {
  const before = new Map(from.map((lab) => [lab.slug, lab]));
  for (const lab of to) {
    const old = before.get(lab.slug);
    if (!old) {
      await db.query(
        `INSERT INTO labs (slug, name, aliases, definition) VALUES ($1, $2, $3, $4) ON CONFLICT (slug) DO NOTHING`,
        [lab.slug, lab.name, lab.aliases, JSON.stringify(lab)],
      );
    } else {
      await db.query(
        `UPDATE labs SET name = $2, aliases = $3, definition = $4, updated_at = now() WHERE slug = $1 AND definition = $5::jsonb`,
        [lab.slug, lab.name, lab.aliases, JSON.stringify(lab), JSON.stringify(old)],
      );
    }
  }
  const kept = new Set(to.map((lab) => lab.slug));
  for (const lab of from) {
    if (kept.has(lab.slug)) continue;
    await db.query('DELETE FROM labs WHERE slug = $1 AND definition = $2::jsonb', [lab.slug, JSON.stringify(lab)]);
  }
}
