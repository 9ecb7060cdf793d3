import { type DynamicModule, type INestApplication, Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '@labpulse/config';
import { AppMetrics, PinoNestLogger, processLogger } from '@labpulse/observability';
import { ApiModule } from './api.module';
import { installFrontDoor } from './front-door';
import { ApiKeyService } from './auth/api-key.service';
import { RateLimiter } from './auth/rate-limiter.service';
import { replayCachedAnswers } from './caching/replay.middleware';
import { ResponseCache } from './caching/response-cache.service';
import { InvalidParametersException } from './common/invalid-parameters.exception';
import { requireJsonBody } from './common/json-body.middleware';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { RequestInputPipe } from './common/request-input.pipe';
import { httpMetrics } from './observability/http-metrics.middleware';
import { mountQueueBoard } from './observability/queue-board';
import { requestLogging } from './observability/request-logging.middleware';
import { setupOpenApi } from './openapi/openapi';

/**
 * Builds the HTTP app (not listening yet), so tests and the all-in-one process share one setup.
 * `root` lets a test mount extra controllers beside ApiModule under the same guards and pipes.
 */
export async function createApiApp(config: AppConfig, root: DynamicModule = ApiModule.forRoot(config)): Promise<INestApplication> {
  const logger = processLogger(config);
  const app = await NestFactory.create<NestExpressApplication>(root, {
    logger: new PinoNestLogger(logger),
    bodyParser: true,
  });
  // Before Express: the request id first, so every later step (body parsing, guards, handlers)
  // logs with it; then timing; then answers the response cache can replay.
  installFrontDoor(app.getHttpServer(), [
    requestLogging(logger),
    httpMetrics(app.get(AppMetrics)),
    replayCachedAnswers(app.get(ResponseCache), app.get(ApiKeyService), app.get(RateLimiter)),
  ]);
  app.use(requireJsonBody);
  app.useBodyParser('json', { limit: '5mb' });
  app.disable('x-powered-by');
  app.useGlobalPipes(
    new RequestInputPipe(),
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      exceptionFactory: (errors) => InvalidParametersException.fromValidation(errors),
    }),
  );
  app.useGlobalFilters(new ProblemDetailsFilter());
  setupOpenApi(app);
  mountQueueBoard(app);
  return app;
}

export async function bootstrapApi(config: AppConfig): Promise<INestApplication> {
  const app = await createApiApp(config);
  await app.listen(config.api.port, '0.0.0.0');
  new Logger('Api').log(`api listening on port ${config.api.port}`);
  return app;
}
