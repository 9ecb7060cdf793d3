import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { type LabDefinition, validateLabDefinition } from '@labpulse/labs';
import { type LabEntity, LabRepository } from '@labpulse/persistence';
import { InvalidParametersException } from '../common/invalid-parameters.exception';
import type { LabCreateDto, LabUpdateDto } from './lab-definition.dto';

export interface LabView {
  slug: string;
  name: string;
  aliases: string[];
  enabled: boolean;
}

export interface LabDetail extends LabView {
  definition: LabDefinition;
  updatedAt: string;
}

const EMPTY: Omit<LabDefinition, 'slug' | 'name'> = {
  aliases: [],
  products: [],
  people: [],
  handles: [],
  hashtags: [],
  context: [],
  ambiguous: [],
};

/** The catalogue over REST. Scorers reload it within seconds of an edit (ScorerProvider), no restart. */
@Injectable()
export class LabsService {
  constructor(private readonly labs: LabRepository) {}

  async list(): Promise<LabView[]> {
    return (await this.labs.list()).map(toView);
  }

  async get(slug: string): Promise<LabDetail> {
    return toDetail(await this.require(slug));
  }

  async create(body: LabCreateDto): Promise<LabDetail> {
    const { enabled, ...fields } = body;
    const definition = checked({ ...EMPTY, ...given(fields) } as LabDefinition);
    const created = await this.labs.create({
      slug: definition.slug,
      name: definition.name,
      aliases: definition.aliases,
      definition: { ...definition },
      enabled: enabled ?? true,
    });
    if (!created) throw new ConflictException(`lab ${body.slug} already exists`);
    return toDetail(created);
  }

  async update(slug: string, body: LabUpdateDto): Promise<LabDetail> {
    const current = await this.require(slug);
    const { enabled, ...fields } = body;
    const definition = checked({
      ...EMPTY,
      ...(current.definition as unknown as LabDefinition),
      ...given(fields),
      slug,
    } as LabDefinition);
    const updated = await this.labs.update(slug, {
      name: definition.name,
      aliases: definition.aliases,
      definition: { ...definition },
      enabled: enabled ?? current.enabled,
    });
    return toDetail(updated ?? current);
  }

  async remove(slug: string): Promise<void> {
    if (!(await this.labs.delete(slug))) throw new NotFoundException(`unknown lab: ${slug}`);
  }

  private async require(slug: string): Promise<LabEntity> {
    const lab = await this.labs.findBySlug(slug);
    if (!lab) throw new NotFoundException(`unknown lab: ${slug}`);
    return lab;
  }
}

/** Validated before it is stored, so one bad edit cannot break scoring for every lab: rejects an entry the matcher could not compile (e.g. a bad acceptSuffix regex), naming the field. */
function checked(definition: LabDefinition): LabDefinition {
  const errors = validateLabDefinition(definition);
  if (errors.length > 0) {
    throw new InvalidParametersException(errors.map((message) => ({ parameter: message.split(/[ .[]/)[0], message })));
  }
  return definition;
}

/** DTO instances carry every declared field, unset ones as undefined: keep only what was sent. */
function given<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}

function toView(lab: LabEntity): LabView {
  return { slug: lab.slug, name: lab.name, aliases: lab.aliases, enabled: lab.enabled };
}

function toDetail(lab: LabEntity): LabDetail {
  return {
    ...toView(lab),
    definition: lab.definition as unknown as LabDefinition,
    updatedAt: lab.updatedAt.toISOString(),
  };
}
