import { connect } from 'amqplib';
import type { BaseConfig } from '../config/load-config';
import { busNames } from './bus-topology';

/** Reads and removes what reached the dead-letter queue (for operators and tests). */
export async function drainDeadLetters(config: BaseConfig): Promise<unknown[]> {
  const connection = await connect(config.RABBITMQ_URL);
  const messages: unknown[] = [];
  try {
    const channel = await connection.createChannel();
    for (;;) {
      const message = await channel.get(busNames(config.BUS_PREFIX).deadLetterQueue, {
        noAck: true,
      });
      if (!message) break;
      messages.push(JSON.parse(message.content.toString()));
    }
    await channel.close();
  } finally {
    await connection.close();
  }
  return messages;
}

/** Deletes a namespace's exchanges and queues (tests, or tearing down a deployment). */
export async function deleteBusTopology(config: BaseConfig, services: string[]): Promise<void> {
  const names = busNames(config.BUS_PREFIX);
  const connection = await connect(config.RABBITMQ_URL);
  try {
    const channel = await connection.createChannel();
    for (const service of services) await channel.deleteQueue(`${config.BUS_PREFIX}.${service}`);
    await channel.deleteQueue(names.deadLetterQueue);
    await channel.deleteExchange(names.exchange);
    await channel.deleteExchange(names.deadLetterExchange);
    await channel.close();
  } finally {
    await connection.close();
  }
}
