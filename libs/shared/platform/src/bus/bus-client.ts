import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ClientRMQ, RmqRecord, RmqRecordBuilder } from '@nestjs/microservices';
import {
  BusReply,
  DomainError,
  EventOf,
  EventPattern,
  eventContracts,
  RequestOf,
  RequestPattern,
  requestContracts,
  ResponseOf,
  zodIssuesToDetails,
} from '@seg/contracts';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import type { BaseConfig } from '../config/load-config';
import { standardMetrics } from '../metrics/standard-metrics';
import { currentRequestId, REQUEST_ID_HEADER } from '../request-context/request-id';
import { inSpan, SpanKind, traceCarrier } from '../telemetry/tracing';
import { busNames, RMQ_SOCKET_OPTIONS } from './bus-topology';

/**
 * Typed access to the bus: `request` waits for the one service that answers
 * a pattern (bounded by a timeout), `emit` publishes a durable domain event.
 */
export class BusClient implements OnApplicationShutdown {
  private readonly logger = new Logger(BusClient.name);
  /**
   * Requests are transient (the caller waits for the answer and retries on a
   * timeout; what must survive is made durable by the handler before it answers),
   * events are persistent: RabbitMQ keeps them on disk until every queue consumed them.
   */
  private readonly proxy: ClientRMQ;
  private readonly events: ClientRMQ;
  private connected = false;

  constructor(private readonly config: BaseConfig) {
    const options = (persistent: boolean) =>
      new ClientRMQ({
        urls: [config.RABBITMQ_URL],
        exchange: busNames(config.BUS_PREFIX).exchange,
        exchangeType: 'topic',
        wildcards: true,
        persistent,
        socketOptions: RMQ_SOCKET_OPTIONS,
      });
    this.proxy = options(false);
    this.events = options(true);
    this.proxy.status.subscribe((status) => {
      this.connected = status === 'connected';
    });
  }

  async connect(): Promise<void> {
    await Promise.all([this.proxy.connect(), this.events.connect()]);
    this.connected = true;
  }

  isConnected(): boolean {
    return this.connected;
  }

  async request<P extends RequestPattern>(
    pattern: P,
    payload: RequestOf<P>,
    options: { timeoutMs?: number } = {},
  ): Promise<ResponseOf<P>> {
    const contract = requestContracts[pattern];
    const checked = contract.request.safeParse(payload);
    if (!checked.success) {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Invalid request for ${pattern}`,
        zodIssuesToDetails(checked.error),
      );
    }
    const timeoutMs = options.timeoutMs ?? this.config.BUS_REQUEST_TIMEOUT_MS;
    const startedAt = performance.now();
    let outcome = 'ok';
    try {
      return await inSpan(
        `${pattern} send`,
        { kind: SpanKind.CLIENT, attributes: messagingAttributes(pattern, 'send'), isFault },
        async (span) => {
          let reply: BusReply<unknown>;
          try {
            reply = await firstValueFrom(
              this.proxy
                .send<BusReply<unknown>>(pattern, withMessageContext(payload))
                .pipe(timeout(timeoutMs)),
            );
          } catch (error) {
            if (error instanceof TimeoutError) {
              outcome = 'timeout';
              throw new DomainError(
                'SERVICE_UNAVAILABLE',
                `The ${contract.service} service did not answer within ${timeoutMs} ms`,
              );
            }
            outcome = 'unavailable';
            this.logger.error({ err: error, pattern }, 'Bus request failed');
            throw new DomainError(
              'SERVICE_UNAVAILABLE',
              `The ${contract.service} service is unavailable`,
            );
          }
          if (!reply.ok) {
            outcome = 'error';
            span.setAttribute('error.code', reply.error.code);
            throw DomainError.fromBody(reply.error);
          }
          return contract.response.parse(reply.data) as ResponseOf<P>;
        },
      );
    } finally {
      standardMetrics.busRequestDuration.observe(
        { pattern, outcome },
        (performance.now() - startedAt) / 1000,
      );
    }
  }

  async emit<P extends EventPattern>(pattern: P, payload: EventOf<P>): Promise<void> {
    const parsed = eventContracts[pattern].payload.parse(payload);
    await inSpan(
      `${pattern} publish`,
      { kind: SpanKind.PRODUCER, attributes: messagingAttributes(pattern, 'publish') },
      () =>
        firstValueFrom(this.events.emit(pattern, withMessageContext(parsed)), {
          defaultValue: undefined,
        }),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([this.proxy.close(), this.events.close()]);
  }
}

/**
 * The message with the current request id and trace context (W3C `traceparent`) in its AMQP
 * headers; the payload stays the contract's.
 */
function withMessageContext<T>(payload: T): T | RmqRecord<T> {
  const requestId = currentRequestId();
  const headers: Record<string, string> = {
    ...traceCarrier(),
    ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
  };
  if (Object.keys(headers).length === 0) return payload;
  return new RmqRecordBuilder(payload).setOptions({ headers }).build();
}

/** A caller's mistake (404, 409, 400…) is the answer, not a fault of the call. */
function isFault(error: unknown): boolean {
  return (
    !(error instanceof DomainError) || ['INTERNAL', 'SERVICE_UNAVAILABLE'].includes(error.code)
  );
}

export function messagingAttributes(pattern: string, operation: string) {
  return {
    'messaging.system': 'rabbitmq',
    'messaging.destination.name': pattern,
    'messaging.operation.type': operation,
  };
}
