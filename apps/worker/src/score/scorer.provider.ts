import { Injectable } from '@nestjs/common';
import type { LabDefinition } from '@labpulse/labs';
import { createScorer, type Scorer } from '@labpulse/nlp';
import { LabRepository } from '@labpulse/persistence';

/**
 * Keeps a scorer compiled from the current lab catalogue. Each score job asks for the catalogue's
 * fingerprint (one tiny query per few hundred posts), so a REST edit applies from the next job on,
 * without a restart; the matcher is recompiled (a few ms) only when the fingerprint changed.
 */
@Injectable()
export class ScorerProvider {
  private scorer: Scorer | null = null;
  private version = '';

  constructor(private readonly labs: LabRepository) {}

  async current(): Promise<Scorer> {
    const version = await this.labs.catalogueVersion();
    if (!this.scorer || version !== this.version) {
      const labs = await this.labs.listEnabled();
      this.scorer = createScorer(labs.map((lab) => lab.definition as unknown as LabDefinition));
      this.version = version;
    }
    return this.scorer;
  }
}
