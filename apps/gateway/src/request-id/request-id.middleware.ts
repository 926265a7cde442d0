import {
  acceptedRequestId,
  newRequestId,
  REQUEST_ID_HEADER,
  runWithRequestId,
} from '@seg/platform';
import type { NextFunction, Request, Response } from 'express';

/**
 * Every call gets an id: the caller's `X-Request-Id` when acceptable (1–128 letters,
 * digits, `.`, `_`, `:` or `-`), a new one otherwise. It is echoed in the answer and
 * carried by the bus messages and jobs the call causes, so each log line has it.
 */
export function assignRequestId(request: Request, response: Response, next: NextFunction): void {
  const requestId = acceptedRequestId(request.headers[REQUEST_ID_HEADER]) ?? newRequestId();
  // pino-http takes `req.id` as the id of its request log line.
  (request as Request & { id?: string }).id = requestId;
  response.setHeader(REQUEST_ID_HEADER, requestId);
  runWithRequestId(requestId, next);
}
