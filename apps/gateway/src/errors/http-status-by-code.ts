import { HttpStatus } from '@nestjs/common';
import type { ErrorCode } from '@seg/contracts';

/** The one place where domain error codes become HTTP statuses (exhaustive by type). */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, { status: number; name: string }> = {
  VALIDATION_FAILED: { status: HttpStatus.BAD_REQUEST, name: 'ValidationError' },
  UNAUTHENTICATED: { status: HttpStatus.UNAUTHORIZED, name: 'Unauthorized' },
  FORBIDDEN: { status: HttpStatus.FORBIDDEN, name: 'Forbidden' },
  NOT_FOUND: { status: HttpStatus.NOT_FOUND, name: 'NotFound' },
  CONFLICT: { status: HttpStatus.CONFLICT, name: 'Conflict' },
  PAYLOAD_TOO_LARGE: { status: HttpStatus.PAYLOAD_TOO_LARGE, name: 'PayloadTooLarge' },
  RATE_LIMITED: { status: HttpStatus.TOO_MANY_REQUESTS, name: 'RateLimited' },
  SERVICE_UNAVAILABLE: { status: HttpStatus.SERVICE_UNAVAILABLE, name: 'ServiceUnavailable' },
  INTERNAL: { status: HttpStatus.INTERNAL_SERVER_ERROR, name: 'InternalError' },
};
