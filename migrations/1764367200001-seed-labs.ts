import type { MigrationInterface, QueryRunner } from 'typeorm';
import LABS from './data/labs-seed-v1.json';

/**
 * The initial lab catalogue, read from a frozen JSON copy (scripts/freeze-lab-seed.ts), so later
 * catalogue changes come as new migrations or REST edits instead of changing what this one did.
 */
export class SeedLabs1764367200001 implements MigrationInterface {
  name = 'SeedLabs1764367200001';

  async up(db: QueryRunner): Promise<void> {
    for (const lab of LABS) {
      await db.query(
        `INSERT INTO labs (slug, name, aliases, definition) VALUES ($1, $2, $3, $4)
         ON CONFLICT (slug) DO NOTHING`,
        [lab.slug, lab.name, lab.aliases, JSON.stringify(lab)],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DELETE FROM labs WHERE slug = ANY($1)', [LABS.map((lab) => lab.slug)]);
  }
}
