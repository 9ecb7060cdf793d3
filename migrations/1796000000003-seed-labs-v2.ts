import type { MigrationInterface, QueryRunner } from 'typeorm';
import V1 from './data/labs-seed-v1.json';
import V2 from './data/labs-seed-v2.json';

interface SeedLab {
  slug: string;
  name: string;
  aliases: string[];
}

/**
 * Catalogue v2: labs that AI-lab discourse names beside the first fifteen (NVIDIA, Apple, Stability
 * AI, AI21, Reka, Inflection, Hugging Face, Midjourney, SSI, Thinking Machines), and v1 entries
 * updated (e.g. Mira Murati now stands for Thinking Machines). A v1 entry is replaced only while it
 * is still exactly the v1 seed: a definition edited over the REST API is the operator's and stays.
 */
export class SeedLabsV21796000000003 implements MigrationInterface {
  name = 'SeedLabsV21796000000003';

  async up(db: QueryRunner): Promise<void> {
    await this.replace(db, V1, V2);
  }

  async down(db: QueryRunner): Promise<void> {
    await this.replace(db, V2, V1);
  }

  /** Moves every lab still exactly as `from` seeded it to `to`; adds and removes the others. */
  private async replace(db: QueryRunner, from: SeedLab[], to: SeedLab[]): Promise<void> {
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
}
