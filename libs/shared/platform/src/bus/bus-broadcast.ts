import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { connect, type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { eventContracts, type EventOf, type EventPattern } from '@seg/contracts';
import { APP_CONFIG } from '../config/config.module';
import type { BaseConfig } from '../config/load-config';
import { busNames, RMQ_SOCKET_OPTIONS } from './bus-topology';

type Listener = (payload: never) => void;

/**
 * Domain events delivered to every instance of this process's service, for in-memory
 * caches. A service queue hands each event to ONE instance (competing consumers), so
 * an instance that only listened there would keep stale entries of what another
 * instance was told. Here each process binds its own exclusive, auto-deleted queue
 * to the exchange. Delivery is at most once: after a reconnect (when events may have
 * been missed) the `onReconnect` listeners run, so caches start over.
 */
@Injectable()
export class BusBroadcast implements OnApplicationShutdown {
  private readonly logger = new Logger(BusBroadcast.name);
  private readonly listeners = new Map<EventPattern, Listener[]>();
  private readonly reconnectListeners: Array<() => void> = [];
  private connection?: AmqpConnectionManager;
  private channel?: ChannelWrapper;
  private connections = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: BaseConfig) {}

  /** Registers a listener; call before `start()` (from a constructor or onModuleInit). */
  on<P extends EventPattern>(pattern: P, listener: (event: EventOf<P>) => void): void {
    this.listeners.set(pattern, [...(this.listeners.get(pattern) ?? []), listener as Listener]);
  }

  /** Runs after every reconnect, when events may have been missed. */
  onReconnect(listener: () => void): void {
    this.reconnectListeners.push(listener);
  }

  /** Binds this instance's queue and starts consuming; resolves once bound. */
  async start(): Promise<void> {
    if (this.channel || this.listeners.size === 0) return;
    const names = busNames(this.config.BUS_PREFIX);
    this.connection = connect([this.config.RABBITMQ_URL], {
      connectionOptions: RMQ_SOCKET_OPTIONS.connectionOptions,
    });
    this.connection.on('connect', () => {
      this.connections += 1;
      if (this.connections > 1) {
        this.logger.warn('Broadcast connection re-established: dropping cached state');
        for (const listener of this.reconnectListeners) listener();
      }
    });
    this.channel = this.connection.createChannel({
      setup: async (channel: ConfirmChannel) => {
        await channel.assertExchange(names.exchange, 'topic', { durable: true });
        const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
        for (const pattern of this.listeners.keys()) {
          await channel.bindQueue(queue, names.exchange, pattern);
        }
        await channel.consume(queue, (message) => this.deliver(message), { noAck: true });
      },
    });
    await this.channel.waitForConnect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.channel?.close();
    await this.connection?.close();
  }

  private deliver(message: ConsumeMessage | null): void {
    if (!message) return;
    const pattern = message.fields.routingKey as EventPattern;
    const listeners = this.listeners.get(pattern);
    if (!listeners) return;
    let packet: { data?: unknown };
    try {
      packet = JSON.parse(message.content.toString()) as { data?: unknown };
    } catch {
      this.logger.error({ pattern }, 'Unreadable broadcast event: ignored');
      return;
    }
    const parsed = eventContracts[pattern].payload.safeParse(packet.data);
    if (!parsed.success) {
      this.logger.error({ pattern, issues: parsed.error.issues }, 'Invalid broadcast event');
      return;
    }
    for (const listener of listeners) {
      try {
        listener(parsed.data as never);
      } catch (error) {
        this.logger.error({ err: error, pattern }, 'Broadcast listener failed');
      }
    }
  }
}
