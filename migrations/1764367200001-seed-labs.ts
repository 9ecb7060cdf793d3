import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The initial lab catalogue, frozen here as data so that later catalogue changes come as new
 * migrations (or REST edits) instead of silently changing what this one did.
 */
const LABS: Array<{ slug: string; name: string; aliases: string[] }> = [
  { slug: 'openai', name: 'OpenAI', aliases: ['OpenAI', 'Open AI', 'ChatGPT', 'GPT-4o', 'Sam Altman'] },
  { slug: 'deepseek', name: 'DeepSeek', aliases: ['DeepSeek', 'Deep Seek', 'DeepSeek R1', 'Liang Wenfeng'] },
  { slug: 'anthropic', name: 'Anthropic', aliases: ['Anthropic', 'Claude', 'Dario Amodei'] },
  { slug: 'google-deepmind', name: 'Google DeepMind', aliases: ['Google DeepMind', 'DeepMind', 'Gemini', 'Demis Hassabis'] },
  { slug: 'meta-ai', name: 'Meta AI', aliases: ['Meta AI', 'Llama', 'Yann LeCun', 'Mark Zuckerberg'] },
  { slug: 'mistral-ai', name: 'Mistral AI', aliases: ['Mistral AI', 'Mistral', 'Le Chat'] },
  { slug: 'xai', name: 'xAI', aliases: ['xAI', 'Grok'] },
];

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
