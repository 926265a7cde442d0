import type { z } from 'zod';

export const SERVICE_NAMES = [
  'gateway',
  'users',
  'segments',
  'experiences',
  'integrations',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

/** A request/response pattern: answered by exactly one service. */
export interface RequestContract<
  Req extends z.ZodType = z.ZodType,
  Res extends z.ZodType = z.ZodType,
> {
  kind: 'request';
  service: ServiceName;
  request: Req;
  response: Res;
}

/** A domain event: published once, delivered to every service that handles it. */
export interface EventContract<Payload extends z.ZodType = z.ZodType> {
  kind: 'event';
  payload: Payload;
}

export function requestContract<Req extends z.ZodType, Res extends z.ZodType>(
  service: ServiceName,
  request: Req,
  response: Res,
): RequestContract<Req, Res> {
  return { kind: 'request', service, request, response };
}

export function eventContract<Payload extends z.ZodType>(payload: Payload): EventContract<Payload> {
  return { kind: 'event', payload };
}

/** Every answer on the bus is wrapped so that errors travel typed, never as a hang. */
export type BusReply<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: {
        code: import('../errors/error-codes').ErrorCode;
        message: string;
        details?: import('../errors/error-codes').ErrorDetail[];
        meta?: Record<string, unknown>;
      };
    };
