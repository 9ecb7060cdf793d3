import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { dataSourceOptions } from './data-source';
import { DatabaseHealth } from './database-health';
import { IngestRepository } from './repositories/ingest.repository';
import { LabRepository } from './repositories/lab.repository';
import { RollupRepository } from './repositories/rollup.repository';
import { ScoringRepository } from './repositories/scoring.repository';
import { SourceRepository } from './repositories/source.repository';
import { TrendRepository } from './repositories/trend.repository';

const REPOSITORIES = [DatabaseHealth, IngestRepository, LabRepository, RollupRepository, ScoringRepository, SourceRepository, TrendRepository];

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.database), retryAttempts: 3, retryDelay: 1000 }),
    }),
  ],
  providers: REPOSITORIES,
  exports: REPOSITORIES,
})
export class PersistenceModule {}
