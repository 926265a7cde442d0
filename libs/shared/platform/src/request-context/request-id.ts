import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { SpanStatusCode, trace } from '@opentelemetry/api';

/** Header that carries a request id: accepted at the gateway, echoed back, and on every bus message. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** Ids we accept from outside: bounded, and safe to print in a log line or a header. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

const requestIds = new AsyncLocalStorage<string>();

/** The caller's id when it is acceptable, otherwise undefined (the caller then makes one). */
export function acceptedRequestId(value: unknown): string | undefined {
  return typeof value === 'string' && ACCEPTED_REQUEST_ID.test(value) ? value : undefined;
}

export function newRequestId(): string {
  return randomUUID();
}

/** Names one fault: sent to the caller with a 5xx answer and logged beside the stack. */
export function newErrorId(): string {
  return tagErrorId(randomUUID());
}

/**
 * Marks the current span (the HTTP call, bus message or job being handled) as the fault
 * `errorId`, so the id an operator reads in an answer or a log line finds the trace too.
 */
export function tagErrorId(errorId: string): string {
  const span = trace.getActiveSpan();
  span?.setAttribute('error.id', errorId);
  span?.setStatus({ code: SpanStatusCode.ERROR, message: `fault ${errorId}` });
  return errorId;
}

/** The id of the request being handled here (HTTP call, bus message or job), if any. */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}

/**
 * Runs `work` as part of request `requestId`: every log line written meanwhile
 * carries it (pino mixin) and every bus message or job sent meanwhile passes it on.
 */
export function runWithRequestId<T>(requestId: string, work: () => T): T {
  // The span of the call, message or job (when traced) names its request too.
  trace.getActiveSpan()?.setAttribute('request.id', requestId);
  return requestIds.run(requestId, work);
}
