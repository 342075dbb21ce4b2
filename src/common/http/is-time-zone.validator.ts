import { ValidatorConstraint, ValidatorConstraintInterface, ValidationArguments } from 'class-validator';
import { IANAZone } from 'luxon';

@ValidatorConstraint({ name: 'isTimeZone' })
export class IsTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && IANAZone.isValidZone(value);
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be an IANA time zone such as Europe/Zurich or America/New_York`;
  }
}
