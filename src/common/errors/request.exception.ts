import { HttpStatus } from '@nestjs/common';
import { DomainException, FieldError } from './domain.exception';

export enum RequestExceptionCode {
  VALIDATION_FAILED = 'validation_failed',
  MALFORMED_BODY = 'malformed_body',
  NOT_FOUND = 'not_found',
  PAYLOAD_TOO_LARGE = 'payload_too_large',
  UNSUPPORTED_MEDIA_TYPE = 'unsupported_media_type',
}

/** Problems with the request itself, before any domain rule applies. */
export class RequestException extends DomainException<RequestExceptionCode> {
  static validation(errors: FieldError[]): RequestException {
    const summary = errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
    return new RequestException(RequestExceptionCode.VALIDATION_FAILED, summary || 'invalid request', HttpStatus.BAD_REQUEST, { errors });
  }

  static field(path: string, message: string): RequestException {
    return RequestException.validation([{ path, message }]);
  }

  static malformed(message: string): RequestException {
    return new RequestException(RequestExceptionCode.MALFORMED_BODY, message, HttpStatus.BAD_REQUEST, {
      errors: [{ path: '', message }],
    });
  }

  static notFound(what: string): RequestException {
    return new RequestException(RequestExceptionCode.NOT_FOUND, `${what} not found`, HttpStatus.NOT_FOUND);
  }

  static tooLarge(message: string): RequestException {
    return new RequestException(RequestExceptionCode.PAYLOAD_TOO_LARGE, message, HttpStatus.PAYLOAD_TOO_LARGE);
  }

  static unsupportedMediaType(message: string): RequestException {
    return new RequestException(RequestExceptionCode.UNSUPPORTED_MEDIA_TYPE, message, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  }
}
