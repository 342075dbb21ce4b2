import { registerDecorator, ValidationOptions } from 'class-validator';

/** A date (2025-01-31) or a date-time with its offset (2025-01-31T18:00:00Z, …+03:00); never a zone-less time. */
export const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2}))?$/;

export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT_PATTERN.test(value) && !Number.isNaN(new Date(value).getTime());
}

export function IsInstant(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: isInstant,
        defaultMessage: () => `${propertyName} must be an ISO-8601 date or date-time with an offset, e.g. 2025-01-13 or 2025-01-13T18:00:00+03:00`,
      },
    });
}
