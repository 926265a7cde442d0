import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, ErrorCode } from '@seg/contracts';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  isTransientDatabaseError,
  newErrorId,
  tagErrorId,
} from '@seg/platform';
import type { Response } from 'express';
import { OverloadedError } from '../limits/load-shedding';
import { HTTP_STATUS_BY_CODE } from './http-status-by-code';
import { JsonTooDeepError } from '../validation/json-depth';
import { InvalidUtf8Error } from '../validation/utf8-body';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * Every error leaves the gateway as `{ error, message, details? }`; internals
 * and stack traces never do.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger(HttpErrorFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const error = this.toDomainError(exception);
    const { status, name } = HTTP_STATUS_BY_CODE[error.code];
    // Shedding is the gateway protecting itself, not a fault: no stack logged per request.
    const shed = exception instanceof OverloadedError;
    if (shed) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    // A limit of our own (the login limiter) names its wait in `meta.retryAfter`.
    const retryAfter = error.meta?.['retryAfter'];
    // …and so does a service whose database is briefly unreachable (503).
    if ((status === 429 || status === 503) && typeof retryAfter === 'number') {
      response.setHeader('Retry-After', String(retryAfter));
    }
    if (status === 429) copyNamedRetryAfter(response);
    response.status(status).json({
      error: name,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
      ...(error.meta ?? {}),
      ...(status >= 500 && !shed ? { errorId: this.logFault(exception, error) } : {}),
    });
  }

  /**
   * Logs a 5xx with its stack under an errorId that the answer carries. A service's
   * fault already has one (logged there beside its stack): it is kept.
   */
  private logFault(exception: unknown, error: DomainError): string {
    const fromService = error.meta?.['errorId'];
    const errorId = typeof fromService === 'string' ? tagErrorId(fromService) : newErrorId();
    this.logger.error({ err: exception, errorId, code: error.code }, 'Request failed');
    return errorId;
  }

  private toDomainError(exception: unknown): DomainError {
    if (exception instanceof DomainError) return exception;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_STATUS[status] ?? (status < 500 ? 'VALIDATION_FAILED' : 'INTERNAL');
      const body = exception.getResponse();
      const message =
        typeof body === 'object' && body !== null && 'message' in body
          ? String((body as { message: unknown }).message)
          : exception.message;
      return new DomainError(code, message);
    }
    // body-parser errors carry an HTTP status but are not HttpExceptions.
    if (typeof exception === 'object' && exception !== null && 'status' in exception) {
      const status = Number((exception as { status: unknown }).status);
      if (status === 413) return new DomainError('PAYLOAD_TOO_LARGE', 'Request body is too large');
      if (exception instanceof InvalidUtf8Error || exception instanceof JsonTooDeepError)
        return new DomainError('VALIDATION_FAILED', exception.message);
      if (status === 400)
        return new DomainError('VALIDATION_FAILED', 'Request body is not valid JSON');
      // An unsupported charset or Content-Encoding (415): the caller's to fix.
      if (status >= 400 && status < 500)
        return new DomainError('VALIDATION_FAILED', 'Request body cannot be read');
    }
    // The gateway's own reads (accounts, keys) meeting a database that is briefly away.
    if (isTransientDatabaseError(exception)) {
      return new DomainError(
        'SERVICE_UNAVAILABLE',
        'The database is unreachable for a moment; try again shortly',
        undefined,
        { retryAfter: DATABASE_RETRY_AFTER_SECONDS },
      );
    }
    return new DomainError('INTERNAL', 'Internal error');
  }
}

/**
 * The throttler names `Retry-After` after the limit that refused (`Retry-After-endUser`);
 * clients only know `Retry-After`, so the refusing limit's value is given under it too.
 */
function copyNamedRetryAfter(response: Response): void {
  if (response.getHeader('Retry-After') !== undefined) return;
  const named = response.getHeaderNames().find((header) => header.startsWith('retry-after-'));
  if (named) response.setHeader('Retry-After', String(response.getHeader(named)));
}
