import { Controller, Get } from '@nestjs/common';
import { LabRepository } from '@labpulse/persistence';

export interface LabView {
  slug: string;
  name: string;
  aliases: string[];
  enabled: boolean;
}

@Controller('v1/labs')
export class LabsController {
  constructor(private readonly labs: LabRepository) {}

  @Get()
  async list(): Promise<{ data: LabView[] }> {
    const labs = await this.labs.list();
    return { data: labs.map((lab) => ({ slug: lab.slug, name: lab.name, aliases: lab.aliases, enabled: lab.enabled })) };
  }
}
