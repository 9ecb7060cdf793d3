import { ParseUUIDPipe } from '@nestjs/common';
import { InvalidParametersException } from '../common/invalid-parameters.exception';

/** `:id` must be a UUID: a malformed one is a 400 naming `id`, not a database error. */
export const SOURCE_ID_PIPE = new ParseUUIDPipe({
  exceptionFactory: () => InvalidParametersException.single('id', 'id must be a UUID'),
});
