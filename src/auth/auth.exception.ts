import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';

export enum AuthExceptionCode {
  MISSING_TOKEN = 'missing_token',
  INVALID_TOKEN = 'invalid_token',
  FORBIDDEN_ROLE = 'forbidden_role',
  WRONG_ORGANISATION = 'wrong_organisation',
  FORBIDDEN_ACTION = 'forbidden_action',
}

export class AuthException extends DomainException<AuthExceptionCode> {
  static missingToken(): AuthException {
    return new AuthException(AuthExceptionCode.MISSING_TOKEN, 'send a bearer token: Authorization: Bearer <token> (create one with npm run cli -- token create)', HttpStatus.UNAUTHORIZED);
  }

  static invalidToken(): AuthException {
    return new AuthException(AuthExceptionCode.INVALID_TOKEN, 'the bearer token is unknown or revoked', HttpStatus.UNAUTHORIZED);
  }

  static forbiddenRole(role: string, allowed: readonly string[]): AuthException {
    return new AuthException(
      AuthExceptionCode.FORBIDDEN_ROLE,
      `a ${role} cannot do this; it needs the role ${allowed.join(' or ')}`,
      HttpStatus.FORBIDDEN,
      { role, allowedRoles: allowed },
    );
  }

  static wrongOrganisation(message: string): AuthException {
    return new AuthException(AuthExceptionCode.WRONG_ORGANISATION, message, HttpStatus.FORBIDDEN);
  }

  static forbidden(message: string): AuthException {
    return new AuthException(AuthExceptionCode.FORBIDDEN_ACTION, message, HttpStatus.FORBIDDEN);
  }
}
