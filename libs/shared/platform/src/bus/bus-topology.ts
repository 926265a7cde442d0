import type { RmqOptions } from '@nestjs/microservices';
import { Transport } from '@nestjs/microservices';
import type { ServiceName } from '@seg/contracts';
import type { BaseConfig } from '../config/load-config';

/**
 * One durable topic exchange per deployment (`<prefix>.bus`). Each service
 * consumes its own durable queue, bound to the exchange by every pattern it
 * handles: a request pattern reaches the one service that answers it, an
 * event pattern reaches every service that handles it (fan-out by binding).
 * Messages a consumer cannot process go to `<prefix>.dead` instead of being lost.
 */
export function busNames(prefix: string) {
  return {
    exchange: `${prefix}.bus`,
    deadLetterExchange: `${prefix}.dead`,
    deadLetterQueue: `${prefix}.dead`,
    serviceQueue: (service: ServiceName) => `${prefix}.${service}`,
  };
}

/**
 * Nagle's algorithm (on by default in amqplib's socket) holds small frames back
 * waiting for an ACK, adding ~40 ms to every request/reply on loopback.
 */
export const RMQ_SOCKET_OPTIONS = { connectionOptions: { noDelay: true } };

export function queueArguments(config: BaseConfig): Record<string, unknown> {
  return {
    'x-dead-letter-exchange': busNames(config.BUS_PREFIX).deadLetterExchange,
    ...(config.BUS_QUEUE_EXPIRES_MS ? { 'x-expires': config.BUS_QUEUE_EXPIRES_MS } : {}),
  };
}

export function busServerOptions(config: BaseConfig, service: ServiceName): RmqOptions {
  const names = busNames(config.BUS_PREFIX);
  return {
    transport: Transport.RMQ,
    options: {
      urls: [config.RABBITMQ_URL],
      queue: names.serviceQueue(service),
      queueOptions: { durable: true, arguments: queueArguments(config) },
      exchange: names.exchange,
      exchangeType: 'topic',
      wildcards: true,
      noAck: false,
      prefetchCount: 32,
      socketOptions: RMQ_SOCKET_OPTIONS,
    },
  };
}
