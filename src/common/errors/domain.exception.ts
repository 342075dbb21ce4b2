import { HttpStatus } from '@nestjs/common';

export interface FieldError {
  path: string;
  message: string;
}

/**
 * Base of every domain's exception: a stable string code for clients, the HTTP status it maps
 * to, a message that says what to do, and optional details (field errors, allowed events, …).
 */
export abstract class DomainException<Code extends string = string> extends Error {
  protected constructor(
    readonly code: Code,
    message: string,
    readonly status: HttpStatus,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}
