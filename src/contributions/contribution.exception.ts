import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import type { AllowedEvent } from '../workflows/definition/compiled-workflow';

export enum ContributionExceptionCode {
  NOT_FOUND = 'contribution_not_found',
  EVENT_NOT_ALLOWED = 'event_not_allowed',
  VERSION_MISMATCH = 'version_mismatch',
  IDEMPOTENCY_KEY_REUSED = 'idempotency_key_reused',
  INVALID_EVENT = 'invalid_event',
  SYMBOL_TAKEN = 'symbol_taken',
}

export class ContributionException extends DomainException<ContributionExceptionCode> {
  static notFound(id: string): ContributionException {
    return new ContributionException(ContributionExceptionCode.NOT_FOUND, `no contribution ${id}`, HttpStatus.NOT_FOUND);
  }

  static eventNotAllowed(type: string, stages: string[], allowedEvents: AllowedEvent[], why?: string): ContributionException {
    const names = allowedEvents.map((event) => event.type);
    return new ContributionException(
      ContributionExceptionCode.EVENT_NOT_ALLOWED,
      `${type} is not accepted now${why ? ` (${why})` : ''}; current stages: ${stages.join(', ') || 'none (the process has ended)'}; allowed now: ${names.join(', ') || 'nothing'}`,
      HttpStatus.CONFLICT,
      { currentStages: stages, allowedEvents },
    );
  }

  static versionMismatch(expected: number, actual: number): ContributionException {
    return new ContributionException(
      ContributionExceptionCode.VERSION_MISMATCH,
      `If-Match expected version ${expected} but the contribution is at version ${actual}; GET it again and retry`,
      HttpStatus.CONFLICT,
      { expectedVersion: expected, currentVersion: actual },
    );
  }

  static idempotencyKeyReused(): ContributionException {
    return new ContributionException(
      ContributionExceptionCode.IDEMPOTENCY_KEY_REUSED,
      'this Idempotency-Key was already used for a different request; use a new key for a new request',
      HttpStatus.UNPROCESSABLE_ENTITY,
    );
  }

  static invalidEvent(path: string, message: string): ContributionException {
    return new ContributionException(ContributionExceptionCode.INVALID_EVENT, `${path}: ${message}`, HttpStatus.BAD_REQUEST, {
      errors: [{ path, message }],
    });
  }

  static symbolTaken(symbol: string): ContributionException {
    return new ContributionException(
      ContributionExceptionCode.SYMBOL_TAKEN,
      `a contribution with symbol ${symbol} already exists; symbols are unique`,
      HttpStatus.CONFLICT,
    );
  }
}
