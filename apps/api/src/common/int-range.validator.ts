import { registerDecorator } from 'class-validator';

/** A whole number in [min, max], reported as one rule (not one error per failed bound). */
export function IsIntInRange(min: number, max: number): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isIntInRange',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a whole number from ${min} to ${max}` },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max,
      },
    });
  };
}
