import { Injectable } from '@nestjs/common';
import type { LabDefinition } from '@labpulse/labs';
import { createScorer, type Scorer } from '@labpulse/nlp';
import { LabRepository } from '@labpulse/persistence';

// How stale the catalogue may be before a scorer checks for lab edits made over REST.
const CATALOGUE_CHECK_MS = 5_000;

/** Keeps a scorer compiled from the current lab catalogue; edits take effect without a restart. */
@Injectable()
export class ScorerProvider {
  private scorer: Scorer | null = null;
  private version = '';
  private checkedAt = 0;

  constructor(private readonly labs: LabRepository) {}

  async current(): Promise<Scorer> {
    if (this.scorer && Date.now() - this.checkedAt < CATALOGUE_CHECK_MS) return this.scorer;
    const version = await this.labs.catalogueVersion();
    this.checkedAt = Date.now();
    if (!this.scorer || version !== this.version) {
      const labs = await this.labs.listEnabled();
      this.scorer = createScorer(labs.map((lab) => lab.definition as unknown as LabDefinition));
      this.version = version;
    }
    return this.scorer;
  }
}
