import type { MigrationInterface, QueryRunner } from 'typeorm';
import V1 from './data/labs-seed-v1.json';
import V2 from './data/labs-seed-v2.json';
import { replaceSeedLabs } from './seed-labs-replace';

/**
 * Catalogue v2: labs that AI-lab discourse names beside the first fifteen (NVIDIA, Apple, Stability
 * AI, AI21, Reka, Inflection, Hugging Face, Midjourney, SSI, Thinking Machines), and v1 entries
 * updated (e.g. Mira Murati now stands for Thinking Machines). A v1 entry is replaced only while it
 * is still exactly the v1 seed: a definition edited over the REST API is the operator's and stays.
 */
export class SeedLabsV21796000000003 implements MigrationInterface {
  name = 'SeedLabsV21796000000003';

  async up(db: QueryRunner): Promise<void> {
    await replaceSeedLabs(db, V1, V2);
  }

  async down(db: QueryRunner): Promise<void> {
    await replaceSeedLabs(db, V2, V1);
  }
}
