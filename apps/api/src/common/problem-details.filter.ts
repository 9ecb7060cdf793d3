import { STATUS_CODES } from 'node:http';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { InvalidParametersException } from './invalid-parameters.exception';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES as TYPES, type ProblemDetails } from './problem-details';

/** Every error leaves as application/problem+json; unexpected ones are logged and never leak details. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request);
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  private toProblem(exception: unknown, request: Request): ProblemDetails {
    const instance = request.originalUrl.split('?')[0];
    if (exception instanceof InvalidParametersException) {
      return {
        type: TYPES[400],
        title: 'Invalid request parameters',
        status: 400,
        detail: exception.message,
        instance,
        errors: exception.errors,
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const detail =
        typeof message === 'string' ? message : Array.isArray(message) ? message.join('; ') : exception.message;
      // Nest's Express adapter wraps body-parser errors (which carry a `type`) in an HttpException.
      const parameter =
        typeof (exception.cause as { type?: unknown } | undefined)?.type === 'string' ? '(body)' : '(request)';
      return withErrors(
        { type: TYPES[status] ?? 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, instance },
        parameter,
      );
    }
    // Body-parser errors (malformed JSON, too large) and the router's (a path it cannot decode)
    // carry a status of their own.
    const status = (exception as { status?: unknown }).status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const detail = (exception as Error).message;
      const parameter =
        typeof (exception as { type?: unknown }).type === 'string'
          ? '(body)'
          : /^Failed to decode param/.test(detail)
            ? '(path)'
            : '(request)';
      return withErrors(
        { type: TYPES[status] ?? 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, instance },
        parameter,
      );
    }
    this.logger.error(`${request.method} ${instance}: ${(exception as Error)?.stack ?? String(exception)}`);
    return {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'unexpected error; it has been logged',
      instance,
    };
  }
}

/** A 400 always names what was wrong in `errors`, even when it did not come from a DTO rule. */
function withErrors(problem: ProblemDetails, parameter: string): ProblemDetails {
  return problem.status === 400 ? { ...problem, errors: [{ parameter, message: problem.detail }] } : problem;
}
