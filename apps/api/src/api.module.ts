import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@labpulse/config';
import { PersistenceModule } from '@labpulse/persistence';
import { type AppMetrics, MetricsModule } from '@labpulse/observability';
import { QUEUE_NAMES, QueueModule } from '@labpulse/queue';
import { AlertRulesController } from './alert-rules/alert-rules.controller';
import { AlertRulesService } from './alert-rules/alert-rules.service';
import { AlertEvaluationsController } from './alerts/alert-evaluations.controller';
import { AlertsController } from './alerts/alerts.controller';
import { AlertsService } from './alerts/alerts.service';
import { AuthModule } from './auth/auth.module';
import { ResponseCache } from './caching/response-cache.service';
import { CompareController } from './compare/compare.controller';
import { CompareService } from './compare/compare.service';
import { DashboardController } from './dashboard/dashboard.controller';
import { HealthController } from './health/health.controller';
import { IngestController } from './ingest/ingest.controller';
import { IngestService } from './ingest/ingest.service';
import { LabsController } from './labs/labs.controller';
import { LabsService } from './labs/labs.service';
import { MetricsController } from './observability/metrics.controller';
import { PostsController } from './posts/posts.controller';
import { PostsService } from './posts/posts.service';
import { SourcesController } from './sources/sources.controller';
import { SourcesService } from './sources/sources.service';
import { TimeZones } from './trends/time-zones.service';
import { TrendBlocks } from './trends/trend-blocks.service';
import { TrendsController } from './trends/trends.controller';
import { TrendsService } from './trends/trends.service';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

// One entry per line: several people add controllers here.
const CONTROLLERS = [
  HealthController,
  LabsController,
  SourcesController,
  IngestController,
  TrendsController,
  CompareController,
  PostsController,
  AlertRulesController,
  AlertsController,
  AlertEvaluationsController,
  WebhooksController,
  DashboardController,
  MetricsController,
];

const PROVIDERS = [
  LabsService,
  SourcesService,
  IngestService,
  TrendsService,
  TrendBlocks,
  TimeZones,
  CompareService,
  PostsService,
  ResponseCache,
  AlertRulesService,
  AlertsService,
  WebhooksService,
];

/** Every route needs an API key unless marked @Public() (see auth/); writes need the admin scope. */
@Module({})
export class ApiModule {
  /** `metrics`: a registry shared with a worker in the same process (npm start), so /metrics shows both. */
  static forRoot(config: AppConfig, options: { metrics?: AppMetrics } = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        ConfigModule.forRoot(config),
        PersistenceModule,
        QueueModule,
        AuthModule,
        MetricsModule.forRoot({ queues: QUEUE_NAMES, shared: options.metrics }),
      ],
      controllers: CONTROLLERS,
      providers: PROVIDERS,
    };
  }
}
