import { type DynamicModule, type INestApplication, Logger, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication, NestExpressBodyParserOptionsFor } from '@nestjs/platform-express';
import type { AppConfig } from '@labpulse/config';
import { AppMetrics, PinoNestLogger, processLogger } from '@labpulse/observability';
import { ApiModule } from './api.module';
import { installFrontDoor } from './front-door';
import { ApiKeyService } from './auth/api-key.service';
import { authenticateBeforeBody } from './auth/authenticate-before-body.middleware';
import { RateLimiter } from './auth/rate-limiter.service';
import { replayCachedAnswers } from './caching/replay.middleware';
import { ResponseCache } from './caching/response-cache.service';
import { InvalidParametersException } from './common/invalid-parameters.exception';
import { JSON_BODY_LIMIT, refuseTooManyJsonValues } from './common/json-body-limits';
import { requireJsonBody } from './common/json-body.middleware';
import { ProblemDetailsFilter } from './common/problem-details.filter';
import { RequestInputPipe } from './common/request-input.pipe';
import { securityHeaders } from './common/security-headers';
import { httpMetrics } from './observability/http-metrics.middleware';
import { mountQueueBoard } from './observability/queue-board';
import { requestLogging } from './observability/request-logging.middleware';
import { setupOpenApi } from './openapi/openapi';

/**
 * Builds the HTTP app (not listening yet), so tests and the all-in-one process share one setup.
 * `root` lets a test mount extra controllers beside ApiModule under the same guards and pipes.
 */
export async function createApiApp(
  config: AppConfig,
  root: DynamicModule = ApiModule.forRoot(config),
): Promise<INestApplication> {
  const logger = processLogger(config);
  const app = await NestFactory.create<NestExpressApplication>(root, {
    logger: new PinoNestLogger(logger),
    bodyParser: true,
  });
  // Before Express: the request id first, so every later step (body parsing, guards, handlers)
  // logs with it; then the security headers every answer carries; then timing; then answers the
  // response cache can replay.
  installFrontDoor(app.getHttpServer(), [
    requestLogging(logger),
    securityHeaders,
    httpMetrics(app.get(AppMetrics)),
    replayCachedAnswers(app.get(ResponseCache), app.get(ApiKeyService), app.get(RateLimiter)),
  ]);
  // No body is parsed for a caller without a key, and none whose values outnumber what any route takes.
  app.use(authenticateBeforeBody(app.get(ApiKeyService)));
  app.use(requireJsonBody);
  // Nest's types reserve `verify` for its rawBody option, which this app leaves off; express.json takes it.
  app.useBodyParser('json', {
    limit: JSON_BODY_LIMIT,
    verify: refuseTooManyJsonValues,
  } as NestExpressBodyParserOptionsFor<'json'>);
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

export async function bootstrapApi(
  config: AppConfig,
  options: { metrics?: AppMetrics } = {},
): Promise<INestApplication> {
  const app = await createApiApp(config, ApiModule.forRoot(config, options));
  await app.listen(config.api.port, config.api.bindAddress);
  new Logger('Api').log(`api listening on ${config.api.bindAddress} port ${config.api.port}`);
  return app;
}
