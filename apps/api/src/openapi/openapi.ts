import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { API_KEY_SCHEME } from '../auth/scopes.decorator';
import { problemContent } from './problem-examples';
import { ProblemDto } from './problem.dto';
import { listRoutes } from './route-inventory';

const DESCRIPTION = [
  'Social sentiment about AI labs: trends, comparisons and the posts behind them.',
  '',
  'Send an API key as `Authorization: Bearer lp_...` (create one with `npm run --silent cli -- apikey create --scope read`).',
  'GET routes need the `read` scope, writes `admin`. Every keyed response carries RateLimit-Limit, RateLimit-Remaining,',
  'RateLimit-Reset and RateLimit-Policy; over the limit is a 429 with Retry-After. Errors are RFC 9457 application/problem+json.',
].join('\n');

/** The OpenAPI 3 document, generated from the controllers and DTOs. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('LabPulse API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key, lp_...' }, API_KEY_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] });
  // Security comes from what the guard enforces, so routes other modules add are documented right
  // without their authors repeating it in OpenAPI decorators.
  for (const route of listRoutes(app)) {
    const operation = document.paths[route.path]?.[route.method as 'get'];
    if (!operation) continue;
    operation.security = route.public ? [] : [{ [API_KEY_SCHEME]: [] }];
    if (route.public) continue;
    const note = `Needs an API key with the \`${route.scopes.join('`, `')}\` scope.`;
    operation.description = operation.description ? `${operation.description}\n\n${note}` : note;
    operation.responses['401'] ??= { description: 'No API key, or an unknown or revoked one' };
    operation.responses['403'] ??= { description: `The key lacks the ${route.scopes.join(', ')} scope` };
    operation.responses['429'] ??= { description: 'Rate limit exceeded; wait Retry-After seconds' };
  }
  describeProblems(document);
  return document;
}

/**
 * Every error answer is application/problem+json (ProblemDetailsFilter), whatever the route produces
 * otherwise: each gets that content type and an example of its own status, not the schema's 400.
 */
function describeProblems(document: OpenAPIObject): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const responses = item[method]?.responses ?? {};
      for (const [status, response] of Object.entries(responses)) {
        if (!response || Number(status) < 400 || '$ref' in response) continue;
        response.content = problemContent(Number(status), path.replace(/\{(\w+)\}/g, ':$1'));
      }
    }
  }
}

/** Serves the document at /openapi.json and a browsable Swagger UI at /docs (both open). */
export function setupOpenApi(app: INestApplication): void {
  let document: OpenAPIObject | null = null;
  SwaggerModule.setup('docs', app, () => (document ??= buildOpenApiDocument(app)), {
    jsonDocumentUrl: 'openapi.json',
    raw: ['json'],
    customSiteTitle: 'LabPulse API',
  });
}
