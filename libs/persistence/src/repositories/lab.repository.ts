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

  /** A cheap fingerprint of the catalogue, so scorers rebuild only when a lab was edited. */
  async catalogueVersion(): Promise<string> {
    const [row] = (await this.labs.query(
      `SELECT count(*)::text || ':' || coalesce(max(updated_at)::text, '') AS v FROM labs`,
    )) as Array<{ v: string }>;
    return row.v;
  }
}
