import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';

export enum OrganisationExceptionCode {
  NOT_FOUND = 'organisation_not_found',
  NAME_TAKEN = 'organisation_name_taken',
}

export class OrganisationException extends DomainException<OrganisationExceptionCode> {
  static notFound(id: string): OrganisationException {
    return new OrganisationException(OrganisationExceptionCode.NOT_FOUND, `no organisation ${id}; GET /organisations lists them`, HttpStatus.NOT_FOUND);
  }

  static nameTaken(name: string, id: string): OrganisationException {
    return new OrganisationException(
      OrganisationExceptionCode.NAME_TAKEN,
      `an organisation named "${name}" already exists (${id}); names are unique regardless of case — update that one instead`,
      HttpStatus.CONFLICT,
      { organisationId: id },
    );
  }
}
