import { Injectable } from '@nestjs/common';
import { DataSource, type Repository } from 'typeorm';
import { LabEntity } from '../entities/lab.entity';

@Injectable()
export class LabRepository {
  private readonly labs: Repository<LabEntity>;

  constructor(db: DataSource) {
    this.labs = db.getRepository(LabEntity);
  }

  list(): Promise<LabEntity[]> {
    return this.labs.find({ order: { slug: 'ASC' } });
  }

  listEnabled(): Promise<LabEntity[]> {
    return this.labs.find({ where: { enabled: true }, order: { slug: 'ASC' } });
  }

  findBySlugs(slugs: string[]): Promise<LabEntity[]> {
    return this.labs.createQueryBuilder('lab').where('lab.slug = ANY(:slugs)', { slugs }).getMany();
  }

  findBySlug(slug: string): Promise<LabEntity | null> {
    return this.labs.findOneBy({ slug });
  }

  /** Inserts a lab; returns null when the slug is taken. */
  async create(lab: {
    slug: string;
    name: string;
    aliases: string[];
    definition: Record<string, unknown>;
    enabled: boolean;
  }): Promise<LabEntity | null> {
    const rows = (await this.labs.query(
      `INSERT INTO labs (slug, name, aliases, definition, enabled) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (slug) DO NOTHING RETURNING slug`,
      [lab.slug, lab.name, lab.aliases, JSON.stringify(lab.definition), lab.enabled],
    )) as Array<{ slug: string }>;
    return rows.length > 0 ? this.findBySlug(lab.slug) : null;
  }

  /** Replaces a lab's catalogue entry; bumping updated_at is what makes scorers reload it. */
  async update(
    slug: string,
    lab: { name: string; aliases: string[]; definition: Record<string, unknown>; enabled: boolean },
  ): Promise<LabEntity | null> {
    await this.labs.query(
      `UPDATE labs SET name = $2, aliases = $3, definition = $4, enabled = $5, updated_at = clock_timestamp() WHERE slug = $1`,
      [slug, lab.name, lab.aliases, JSON.stringify(lab.definition), lab.enabled],
    );
    return this.findBySlug(slug);
  }

  /**
   * Deletes a lab and everything derived from it in one transaction: its mentions (every model
   * version; explicitly, they have no foreign key), and by the foreign keys' cascades its rollups,
   * lab-scoped alert rules, alert states, evaluations, alerts and their events. Posts stay (they are
   * raw data and may name other labs). Returns false for an unknown slug. To keep a lab's history,
   * disable it instead (docs/data-lifecycle.md).
   */
  async delete(slug: string): Promise<boolean> {
    return this.labs.manager.transaction(async (tx) => {
      // First the lab: this waits for scorers that locked it to commit (ScoringRepository.saveScoresIn),
      // so the mentions delete below, on a later snapshot, sees every mention they wrote.
      const rows = (await tx.query(
        'WITH deleted AS (DELETE FROM labs WHERE slug = $1 RETURNING slug) SELECT slug FROM deleted',
        [slug],
      )) as unknown[];
      await tx.query('DELETE FROM post_lab_mentions WHERE lab_slug = $1', [slug]);
      return rows.length > 0;
    });
  }

  /** A cheap fingerprint of the catalogue (count, latest edit, enabled count), so scorers rebuild only after an edit. */
  async catalogueVersion(): Promise<string> {
    const [row] = (await this.labs.query(
      `SELECT count(*)::text || ':' || count(*) FILTER (WHERE enabled)::text || ':' || coalesce(max(updated_at)::text, '') AS v FROM labs`,
    )) as Array<{ v: string }>;
    return row.v;
  }
}
