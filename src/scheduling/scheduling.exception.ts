import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';

export enum SchedulingExceptionCode {
  INVALID_DEADLINE = 'invalid_deadline',
  INVALID_EXTENSION = 'invalid_extension',
}

export class SchedulingException extends DomainException<SchedulingExceptionCode> {
  static invalidDeadline(path: string, message: string): SchedulingException {
    return new SchedulingException(SchedulingExceptionCode.INVALID_DEADLINE, `${path}: ${message}`, HttpStatus.BAD_REQUEST, {
      errors: [{ path, message }],
    });
  }

  static invalidExtension(path: string, message: string): SchedulingException {
    return new SchedulingException(SchedulingExceptionCode.INVALID_EXTENSION, `${path}: ${message}`, HttpStatus.BAD_REQUEST, {
      errors: [{ path, message }],
    });
  }
}
