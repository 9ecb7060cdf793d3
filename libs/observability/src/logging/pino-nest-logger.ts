import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import { contextLogger } from './log-context';

type PinoLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * Nest's LoggerService on pino: every `new Logger(Context).log(...)` in the code base comes out as
 * one JSON line with `context`, carrying the current request's or job's ids when there is one.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest, true);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest, true);
  }

  /** Nest passes the context last and, for errors, a stack trace before it; anything else is kept as `extra`. */
  private write(level: PinoLevel, message: unknown, rest: unknown[], mayHaveStack = false): void {
    const logger = contextLogger() ?? this.root;
    if (!logger.isLevelEnabled(level)) return;
    const params = rest.filter((param) => param !== undefined);
    const fields: Record<string, unknown> = {};
    const last = params.at(-1);
    if (typeof last === 'string' && !isStack(last)) fields.context = params.pop();
    const stackAt = mayHaveStack ? params.findIndex((param) => typeof param === 'string' && isStack(param)) : -1;
    if (stackAt >= 0) fields.stack = params.splice(stackAt, 1)[0];
    if (params.length > 0) fields.extra = params;
    if (message instanceof Error) {
      logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      logger[level]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      logger[level](fields, String(message));
    }
  }
}

function isStack(text: string): boolean {
  return /\n\s+at /.test(text);
}
