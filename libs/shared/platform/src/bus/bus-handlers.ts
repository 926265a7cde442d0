import { Logger } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload, RmqContext } from '@nestjs/microservices';
import { trace } from '@opentelemetry/api';
import type { Channel, Message } from 'amqplib';
import {
  BusReply,
  DomainError,
  ErrorBody,
  EventPattern as EventKey,
  eventContracts,
  ParsedRequestOf,
  RequestPattern,
  requestContracts,
  ResponseOf,
  EventOf,
  zodIssuesToDetails,
} from '@seg/contracts';
import {
  acceptedRequestId,
  newErrorId,
  newRequestId,
  REQUEST_ID_HEADER,
  runWithRequestId,
} from '../request-context/request-id';
import { standardMetrics } from '../metrics/standard-metrics';
import { contextFrom, failSpan, inSpan, SpanKind } from '../telemetry/tracing';
import { messagingAttributes } from './bus-client';
import { inflightTracker } from './inflight-tracker';
import { DATABASE_RETRY_AFTER_SECONDS, isTransientDatabaseError } from '../mongo/transient-error';

const logger = new Logger('Bus');

function channelOf(context: RmqContext): { channel: Channel; message: Message } {
  return { channel: context.getChannelRef() as Channel, message: context.getMessage() as Message };
}

/** The sender's request id (from the AMQP headers), or a new one for a message sent outside any. */
function requestIdOf(message: Message): string {
  const headers: Record<string, unknown> = message.properties.headers ?? {};
  return acceptedRequestId(headers[REQUEST_ID_HEADER]) ?? newRequestId();
}

/**
 * Handles one message as part of its sender's request and trace: a span (child of the
 * sender's, from the `traceparent` header), the request id, the in-flight count (shutdown
 * waits for it) and the latency histogram under the outcome `work` reports.
 */
async function handleMessage<T>(
  kind: 'request' | 'event',
  pattern: string,
  message: Message,
  work: (setOutcome: (outcome: string) => void) => Promise<T>,
): Promise<T> {
  const startedAt = performance.now();
  let outcome = 'ok';
  try {
    return await inSpan(
      `${pattern} process`,
      {
        kind: kind === 'request' ? SpanKind.SERVER : SpanKind.CONSUMER,
        attributes: messagingAttributes(pattern, 'process'),
        parent: contextFrom(message.properties.headers),
      },
      () =>
        runWithRequestId(requestIdOf(message), () =>
          inflightTracker.track(() => work((value) => (outcome = value))),
        ),
    );
  } finally {
    standardMetrics.busHandleDuration.observe(
      { kind, pattern, outcome },
      (performance.now() - startedAt) / 1000,
    );
  }
}

/**
 * A domain error as it is; the database being unreachable (a restart, a closed connection)
 * becomes SERVICE_UNAVAILABLE with a `retryAfter`, so callers try again rather than treat it as
 * a fault; anything else becomes INTERNAL with an `errorId` logged beside its stack.
 */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof DomainError) return error.toBody();
  if (isTransientDatabaseError(error)) {
    logger.warn({ err: error }, 'Database unreachable: answered 503');
    return {
      code: 'SERVICE_UNAVAILABLE',
      message: 'The database is unreachable for a moment; try again shortly',
      meta: { retryAfter: DATABASE_RETRY_AFTER_SECONDS },
    };
  }
  const errorId = newErrorId();
  logger.error({ err: error, errorId }, 'Unhandled error in bus handler');
  return { code: 'INTERNAL', message: 'Internal error', meta: { errorId } };
}

type RequestMethod<P extends RequestPattern> = (
  payload: ParsedRequestOf<P>,
) => Promise<ResponseOf<P>> | ResponseOf<P>;

/**
 * Marks a method as the handler of a request pattern: the payload is validated
 * against the contract, the answer is wrapped in a BusReply (errors included)
 * and the message is acknowledged once answered.
 */
export function HandleRequest<P extends RequestPattern>(pattern: P) {
  return <M extends RequestMethod<P>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    const original = descriptor.value as RequestMethod<P>;
    const contract = requestContracts[pattern];
    const wrapped = async function (
      this: unknown,
      payload: unknown,
      context: RmqContext,
    ): Promise<BusReply<ResponseOf<P>>> {
      const { channel, message } = channelOf(context);
      const startedAt = performance.now();
      try {
        return await handleMessage('request', pattern, message, async (setOutcome) => {
          const parsed = contract.request.safeParse(payload);
          if (!parsed.success) {
            setOutcome('invalid');
            return {
              ok: false as const,
              error: {
                code: 'VALIDATION_FAILED' as const,
                message: `Invalid payload for ${pattern}`,
                details: zodIssuesToDetails(parsed.error),
              },
            };
          }
          try {
            const data = await original.call(this, parsed.data as ParsedRequestOf<P>);
            return { ok: true as const, data };
          } catch (error) {
            setOutcome(error instanceof DomainError ? 'error' : 'fault');
            return { ok: false as const, error: toErrorBody(error) };
          } finally {
            logger.debug(
              { pattern, ms: Math.round(performance.now() - startedAt) },
              'Request handled',
            );
          }
        });
      } finally {
        channel.ack(message);
      }
    };
    (descriptor as PropertyDescriptor).value = wrapped;
    MessagePattern(pattern)(target, key, descriptor);
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
  };
}

type EventMethod<P extends EventKey> = (payload: EventOf<P>) => Promise<void> | void;

/**
 * Marks a method as a handler of a domain event. A handler that throws gets
 * the message once more; a second failure (or an invalid payload) sends it to
 * the dead-letter queue, so a failing consumer never loses a message.
 */
export function HandleEvent<P extends EventKey>(pattern: P) {
  return <M extends EventMethod<P>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<M>,
  ): void => {
    const original = descriptor.value as EventMethod<P>;
    const contract = eventContracts[pattern];
    const wrapped = async function (this: unknown, payload: unknown, context: RmqContext) {
      const { channel, message } = channelOf(context);
      await handleMessage('event', pattern, message, async (setOutcome) => {
        const parsed = contract.payload.safeParse(payload);
        if (!parsed.success) {
          logger.error(
            { pattern, issues: parsed.error.issues },
            'Invalid event payload: dead-lettered',
          );
          setOutcome('invalid');
          standardMetrics.busDeadLetters.inc({ pattern, reason: 'invalid' });
          channel.nack(message, false, false);
          return;
        }
        try {
          await original.call(this, parsed.data as EventOf<P>);
          channel.ack(message);
          logger.debug({ pattern }, 'Event handled');
        } catch (error) {
          const requeue = !message.fields.redelivered;
          logger.error({ err: error, pattern, requeue }, 'Event handler failed');
          failSpan(trace.getActiveSpan(), error);
          setOutcome(requeue ? 'retried' : 'dead_lettered');
          if (!requeue) standardMetrics.busDeadLetters.inc({ pattern, reason: 'failed' });
          channel.nack(message, false, requeue);
        }
      });
    };
    (descriptor as PropertyDescriptor).value = wrapped;
    EventPattern(pattern)(target, key, descriptor);
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
  };
}
