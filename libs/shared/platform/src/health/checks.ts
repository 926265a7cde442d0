import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { BusClient } from '../bus/bus-client';
import type { DependencyCheck } from './dependency-check';

@Injectable()
export class MongoCheck implements DependencyCheck {
  readonly name = 'mongodb';
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async check(): Promise<boolean> {
    const db = this.connection.db;
    if (!db) return false;
    const answer = await db.admin().ping();
    return answer['ok'] === 1;
  }
}

@Injectable()
export class BusCheck implements DependencyCheck {
  readonly name = 'rabbitmq';
  constructor(private readonly bus: BusClient) {}

  async check(): Promise<boolean> {
    return this.bus.isConnected();
  }
}

/** Pings Redis over its own small connection (one per process). */
export class RedisCheck implements DependencyCheck, OnApplicationShutdown {
  readonly name = 'redis';
  private readonly redis: Redis;

  constructor(redisUrl: string) {
    this.redis = new Redis(redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    this.redis.on('error', () => undefined);
  }

  async check(): Promise<boolean> {
    if (this.redis.status === 'wait') await this.redis.connect();
    return (await this.redis.ping()) === 'PONG';
  }

  async onApplicationShutdown(): Promise<void> {
    this.redis.disconnect();
  }
}
