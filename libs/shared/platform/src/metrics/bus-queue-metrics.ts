import { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type { ServiceName } from '@seg/contracts';
import { connect, type Channel, type ChannelModel } from 'amqplib';
import type { BaseConfig } from '../config/load-config';
import { busNames } from '../bus/bus-topology';
import { metricGauge, onMetricsScrape } from './registry';

const queueMessages = metricGauge({
  name: 'bus_queue_messages',
  help: 'Messages ready in a bus queue (the consumer lag of its service; `<prefix>.dead` holds the dead letters), read from RabbitMQ at scrape time',
  labelNames: ['queue'],
});
const queueConsumers = metricGauge({
  name: 'bus_queue_consumers',
  help: 'Consumers of a bus queue (instances of its service), read from RabbitMQ at scrape time',
  labelNames: ['queue'],
});

/** On every scrape: the depth and consumers of this service's queue and of the dead-letter queue. */
export class BusQueueMetrics implements OnModuleInit, OnApplicationShutdown {
  private stop?: () => void;
  private connection?: Promise<ChannelModel>;
  private channel?: Promise<Channel>;

  constructor(
    private readonly config: BaseConfig,
    private readonly service: ServiceName,
  ) {}

  onModuleInit(): void {
    const names = busNames(this.config.BUS_PREFIX);
    const queues = [names.serviceQueue(this.service), names.deadLetterQueue];
    this.stop = onMetricsScrape(async () => {
      for (const queue of queues) {
        try {
          const { messageCount, consumerCount } = await (
            await this.openChannel()
          ).checkQueue(queue);
          queueMessages.set({ queue }, messageCount);
          queueConsumers.set({ queue }, consumerCount);
        } catch {
          // A missing queue closes the channel; a lost connection is reopened next scrape.
          this.channel = undefined;
        }
      }
    });
  }

  private openChannel(): Promise<Channel> {
    this.connection ??= connect(this.config.RABBITMQ_URL).then(
      (connection) => {
        connection.on('error', () => undefined);
        connection.on('close', () => {
          this.connection = undefined;
          this.channel = undefined;
        });
        return connection;
      },
      (error: unknown) => {
        this.connection = undefined;
        throw error;
      },
    );
    this.channel ??= this.connection.then(async (connection) => {
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      channel.on('close', () => (this.channel = undefined));
      return channel;
    });
    return this.channel;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stop?.();
    const connection = await this.connection?.catch(() => undefined);
    this.connection = undefined;
    await connection?.close().catch(() => undefined);
  }
}
