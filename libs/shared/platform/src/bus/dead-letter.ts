import { connect } from 'amqplib';
import type { BaseConfig } from '../config/load-config';
import { busNames } from './bus-topology';

/** Declares the dead-letter exchange and queue that service queues point at. */
export async function ensureDeadLetterTopology(config: BaseConfig): Promise<void> {
  const names = busNames(config.BUS_PREFIX);
  const connection = await connect(config.RABBITMQ_URL);
  try {
    const channel = await connection.createChannel();
    await channel.assertExchange(names.deadLetterExchange, 'fanout', { durable: true });
    await channel.assertQueue(names.deadLetterQueue, {
      durable: true,
      ...(config.BUS_QUEUE_EXPIRES_MS ? { expires: config.BUS_QUEUE_EXPIRES_MS } : {}),
    });
    await channel.bindQueue(names.deadLetterQueue, names.deadLetterExchange, '');
    await channel.close();
  } finally {
    await connection.close();
  }
}
