import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';

export enum ParticipationExceptionCode {
  INVALID_PAYLOAD = 'invalid_payload',
  NOT_FOUND = 'participation_not_found',
  DEADLINE_PASSED = 'deadline_passed',
  ROUND_CLOSED = 'round_closed',
  ALREADY_JOINED = 'already_joined',
  NOT_JOINED = 'not_joined',
  ALREADY_VERIFIED = 'already_verified',
  WITHDRAWN = 'withdrawn',
  QUESTIONS_LOCKED = 'questions_locked',
  SESSION_CONFLICT = 'session_conflict',
  NOT_INVITED = 'not_invited',
  NOT_YOURS = 'not_yours',
  NOT_PUBLISHED = 'not_published',
}

/** Refusals of the participation domain: payloads, deadlines, who may act on or read what. */
export class ParticipationException extends DomainException<ParticipationExceptionCode> {
  static invalidPayload(path: string, message: string): ParticipationException {
    return new ParticipationException(ParticipationExceptionCode.INVALID_PAYLOAD, `${path}: ${message}`, HttpStatus.BAD_REQUEST, { errors: [{ path, message }] });
  }

  static notFound(what: string, hint: string): ParticipationException {
    return new ParticipationException(ParticipationExceptionCode.NOT_FOUND, `${what} not found; ${hint}`, HttpStatus.NOT_FOUND);
  }

  static deadlinePassed(stageId: string, dueLocal: string, ownExtension: boolean, action: string): ParticipationException {
    return new ParticipationException(
      ParticipationExceptionCode.DEADLINE_PASSED,
      `the deadline of stage "${stageId}" passed at ${dueLocal}${ownExtension ? " (your organisation's extended deadline)" : ''}; ${action} is no longer possible. ` +
        'Ask the secretariat for an extension (EXTEND_DEADLINE with payload.organisationId)',
      HttpStatus.CONFLICT,
      { stage: stageId, deadline: dueLocal },
    );
  }

  static roundClosed(what: string, stageId: string): ParticipationException {
    return new ParticipationException(
      ParticipationExceptionCode.ROUND_CLOSED,
      `${what} belongs to stage "${stageId}", which is closed; it can no longer be changed`,
      HttpStatus.CONFLICT,
      { stage: stageId },
    );
  }

  static alreadyJoined(organisation: string, as: string, since: Date): ParticipationException {
    return new ParticipationException(
      ParticipationExceptionCode.ALREADY_JOINED,
      `${organisation} is already a ${as} (since ${since.toISOString()}); nothing to do`,
      HttpStatus.CONFLICT,
    );
  }

  static notJoined(organisation: string, as: string): ParticipationException {
    return new ParticipationException(ParticipationExceptionCode.NOT_JOINED, `${organisation} is not a ${as} of this contribution`, HttpStatus.CONFLICT);
  }

  static alreadyVerified(organisation: string): ParticipationException {
    return new ParticipationException(ParticipationExceptionCode.ALREADY_VERIFIED, `${organisation}'s signature is already verified`, HttpStatus.CONFLICT);
  }

  static withdrawn(what: string): ParticipationException {
    return new ParticipationException(ParticipationExceptionCode.WITHDRAWN, `${what} was withdrawn; it can no longer be changed or given a disposition`, HttpStatus.CONFLICT);
  }

  static questionsLocked(stageId: string, submissions: number): ParticipationException {
    return new ParticipationException(
      ParticipationExceptionCode.QUESTIONS_LOCKED,
      `stage "${stageId}" already has ${submissions} submission${submissions === 1 ? '' : 's'}; its questions can no longer change`,
      HttpStatus.CONFLICT,
    );
  }

  static sessionConflict(message: string): ParticipationException {
    return new ParticipationException(ParticipationExceptionCode.SESSION_CONFLICT, message, HttpStatus.CONFLICT);
  }

  static notInvited(organisation: string, stageId: string): ParticipationException {
    return new ParticipationException(
      ParticipationExceptionCode.NOT_INVITED,
      `${organisation} was not invited to respond in stage "${stageId}"; only invited organisations respond there (the secretariat can invite you, or record your response)`,
      HttpStatus.FORBIDDEN,
    );
  }

  static notYours(what: string): ParticipationException {
    return new ParticipationException(ParticipationExceptionCode.NOT_YOURS, `${what} belongs to another organisation; you act for your own organisation only`, HttpStatus.FORBIDDEN);
  }

  static notPublished(what: string): ParticipationException {
    return new ParticipationException(
      ParticipationExceptionCode.NOT_PUBLISHED,
      `${what} belongs to another organisation and was not published with its consent`,
      HttpStatus.FORBIDDEN,
    );
  }
}
