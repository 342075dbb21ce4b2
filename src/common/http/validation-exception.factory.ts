import { ValidationError } from 'class-validator';
import { FieldError } from '../errors/domain.exception';
import { RequestException } from '../errors/request.exception';

/** class-validator's nested errors → flat `{ path, message }` pairs naming the field and the fix. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const path = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      out.push({
        path,
        message: constraint === 'whitelistValidation' ? `unknown field "${error.property}"; remove it` : message,
      });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, path));
  }
  return out;
}

export function validationExceptionFactory(errors: ValidationError[]): RequestException {
  return RequestException.validation(flattenValidationErrors(errors));
}
