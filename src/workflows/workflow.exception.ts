import { HttpStatus } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import type { LocatedDefinitionError } from './definition/parse-definition.util';

export enum WorkflowExceptionCode {
  INVALID_DEFINITION = 'invalid_definition',
  NOT_FOUND = 'workflow_not_found',
}

export class WorkflowException extends DomainException<WorkflowExceptionCode> {
  static invalid(errors: LocatedDefinitionError[]): WorkflowException {
    const first = errors[0];
    const summary = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'invalid definition';
    return new WorkflowException(
      WorkflowExceptionCode.INVALID_DEFINITION,
      `the workflow definition is invalid (${errors.length} error${errors.length === 1 ? '' : 's'}): ${summary}`,
      HttpStatus.BAD_REQUEST,
      { errors },
    );
  }

  static notFound(id: string, version?: number): WorkflowException {
    return new WorkflowException(
      WorkflowExceptionCode.NOT_FOUND,
      `no workflow "${id}"${version !== undefined ? ` version ${version}` : ''}; GET /workflows lists them`,
      HttpStatus.NOT_FOUND,
    );
  }
}
