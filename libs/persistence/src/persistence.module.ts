import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@labpulse/config';
import { dataSourceOptions } from './data-source';
import { DatabaseHealth } from './database-health';
import { AlertEvaluationRepository } from './repositories/alert-evaluation.repository';
import { AlertRuleRepository } from './repositories/alert-rule.repository';
import { AlertRepository } from './repositories/alert.repository';
import { AlertQueryRepository } from './repositories/alert-query.repository';
import { ApiKeyRepository } from './repositories/api-key.repository';
import { IngestRepository } from './repositories/ingest.repository';
import { LabRepository } from './repositories/lab.repository';
import { PostQueryRepository } from './repositories/post-query.repository';
import { RetentionRepository } from './repositories/retention.repository';
import { RollupRepository } from './repositories/rollup.repository';
import { ScoringRepository } from './repositories/scoring.repository';
import { SourceRepository } from './repositories/source.repository';
import { TrendCoverageRepository } from './repositories/trend-coverage.repository';
import { TrendRepository } from './repositories/trend.repository';
import { OutboxRepository } from './repositories/outbox.repository';
import { WebhookDeliveryRepository } from './repositories/webhook-delivery.repository';
import { WebhookRepository } from './repositories/webhook.repository';
import { WebhookSecretCipher } from './secrets/webhook-secret-cipher';

const REPOSITORIES = [
  DatabaseHealth,
  ApiKeyRepository,
  IngestRepository,
  LabRepository,
  PostQueryRepository,
  RetentionRepository,
  RollupRepository,
  ScoringRepository,
  SourceRepository,
  TrendCoverageRepository,
  TrendRepository,
  // alerting (issue 6)
  AlertRepository,
  AlertQueryRepository,
  AlertEvaluationRepository,
  AlertRuleRepository,
  OutboxRepository,
  WebhookRepository,
  WebhookDeliveryRepository,
  WebhookSecretCipher,
];

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.database),
        retryAttempts: 3,
        retryDelay: 1000,
      }),
    }),
  ],
  providers: REPOSITORIES,
  exports: REPOSITORIES,
})
export class PersistenceModule {}
