import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidParametersException } from './invalid-parameters.exception';

/** A path parameter that must be a UUID: a malformed one is a 400 naming it, not a database error. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => InvalidParametersException.single(name, `${name} must be a UUID`),
  });
}
