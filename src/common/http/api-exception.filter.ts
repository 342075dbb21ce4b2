import { ArgumentsHost, BadRequestException, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { DomainException } from '../errors/domain.exception';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  [key: string]: unknown;
}

/** Postgres error codes a client can provoke, and what to tell it. */
const CLIENT_SQL_ERRORS: Record<string, { status: number; error: string; message: string }> = {
  '22P02': { status: 400, error: 'validation_failed', message: 'a value has the wrong format (e.g. not a UUID)' },
  '22001': { status: 400, error: 'validation_failed', message: 'a value is too long' },
  '22021': { status: 400, error: 'validation_failed', message: 'a text value contains a NUL character or invalid encoding' },
  '22007': { status: 400, error: 'validation_failed', message: 'a date or time has the wrong format' },
  '22008': { status: 400, error: 'validation_failed', message: 'a date or time is out of range' },
  '22003': { status: 400, error: 'validation_failed', message: 'a number is out of range' },
  '23503': { status: 400, error: 'validation_failed', message: 'a value refers to something that does not exist (check the ids you sent)' },
  '23505': { status: 409, error: 'conflict', message: 'this already exists' },
  '40001': { status: 409, error: 'conflict', message: 'a concurrent change won; retry the request' },
  '40P01': { status: 409, error: 'conflict', message: 'a concurrent change won; retry the request' },
};

const snake = (text: string) =>
  text
    .replace(/Exception$/, '')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(/\s+/g, '_')
    .toLowerCase();

/** Every error leaves as JSON with a stable code; only a real fault is a 500. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<Response>();
    const request = context.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception, request);
    if (body.statusCode >= 500) {
      this.logger.error({ err: exception, requestId: request.id, path: request.url }, 'unhandled error');
    }
    if (body.statusCode === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request & { id?: string }): ErrorBody {
    if (exception instanceof DomainException) {
      return { statusCode: exception.status, error: exception.code, message: exception.message, ...exception.details };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const message =
        typeof raw === 'string' ? raw : Array.isArray((raw as { message?: unknown }).message) ? (raw as { message: string[] }).message.join('; ') : String((raw as { message?: unknown }).message ?? exception.message);
      // Our own 400s are DomainExceptions; a bare one comes from Nest mapping a body-parser or URI error.
      if (exception instanceof BadRequestException) {
        return { statusCode: status, error: 'malformed_body', message: `the request could not be parsed (${message}); send a valid JSON object` };
      }
      return { statusCode: status, error: snake(exception.name), message };
    }
    const bodyParserError = exception as { type?: string; status?: number; message?: string };
    if (typeof bodyParserError?.type === 'string' && typeof bodyParserError.status === 'number' && bodyParserError.status < 500) {
      const tooLarge = bodyParserError.type === 'entity.too.large';
      return {
        statusCode: bodyParserError.status,
        error: tooLarge ? 'payload_too_large' : 'malformed_body',
        message: tooLarge ? 'the request body is too large' : `the request body could not be parsed: ${bodyParserError.message}`,
      };
    }
    if (exception instanceof QueryFailedError) {
      const code = (exception.driverError as { code?: string } | undefined)?.code;
      const known = code ? CLIENT_SQL_ERRORS[code] : undefined;
      if (known) return { statusCode: known.status, error: known.error, message: known.message };
    }
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: 'internal_error',
      message: `internal error${request.id ? `; quote request id ${request.id}` : ''}`,
    };
  }
}
