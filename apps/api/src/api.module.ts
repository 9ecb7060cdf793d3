import { type DynamicModule, Module } from '@nestjs/common';
import { type AppConfig, ConfigModule } from '@labpulse/config';
import { PersistenceModule } from '@labpulse/persistence';
import { QueueModule } from '@labpulse/queue';
import { HealthController } from './health/health.controller';
import { LabsController } from './labs/labs.controller';
import { TrendsController } from './trends/trends.controller';
import { TrendsService } from './trends/trends.service';

@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [ConfigModule.forRoot(config), PersistenceModule, QueueModule],
      controllers: [HealthController, LabsController, TrendsController],
      providers: [TrendsService],
    };
  }
}
