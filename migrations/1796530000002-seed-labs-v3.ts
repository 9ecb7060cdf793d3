import type { MigrationInterface, QueryRunner } from 'typeorm';
import V2 from './data/labs-seed-v2.json';
import V3 from './data/labs-seed-v3.json';
import { replaceSeedLabs } from './seed-labs-replace';

/**
 * Catalogue v3: product words (pricing, subscription, limits, bug, update, ...) count as evidence for
 * the ambiguous "Claude", "Gemini", "Llama" and "Mistral", so "claude pricing is a joke" is about
 * Anthropic. Only labs still exactly as v2 seeded them change; operators' edits stay.
 */
export class SeedLabsV31796530000002 implements MigrationInterface {
  name = 'SeedLabsV31796530000002';

  async up(db: QueryRunner): Promise<void> {
    await replaceSeedLabs(db, V2, V3);
  }

  async down(db: QueryRunner): Promise<void> {
    await replaceSeedLabs(db, V3, V2);
  }
}
