import { BadRequestException, type ValidationError } from '@nestjs/common';

export interface ParameterError {
  parameter: string;
  message: string;
}

/** A 400 that names each parameter and the rule it broke. */
export class InvalidParametersException extends BadRequestException {
  readonly errors: ParameterError[];

  constructor(errors: ParameterError[]) {
    // A field named "" (a body key) is written as its JSON spelling, so every error names something.
    const named = errors.map((e) => (e.parameter === '' ? { ...e, parameter: '""' } : e));
    super(named.map((e) => `${e.parameter}: ${e.message}`).join('; '));
    this.errors = named;
  }

  static single(parameter: string, message: string): InvalidParametersException {
    return new InvalidParametersException([{ parameter, message }]);
  }

  /** exceptionFactory for ValidationPipe: class-validator errors, flattened to dotted paths. */
  static fromValidation(errors: ValidationError[]): InvalidParametersException {
    return new InvalidParametersException(flatten(errors, ''));
  }
}

function flatten(errors: ValidationError[], prefix: string): ParameterError[] {
  return errors.flatMap((error) => {
    const parameter = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ parameter, message }));
    return [...own, ...flatten(error.children ?? [], parameter)];
  });
}
