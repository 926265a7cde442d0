import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type BaseConfig } from '@seg/platform';
import type { InboxEntry } from '@seg/profile-store';
import { type ChainableCommander, Redis } from 'ioredis';
import { Types } from 'mongoose';

/**
 * Partitions of the inbox. Fixed: a user's partition must not change while entries
 * of theirs are in flight (changing it needs a drained inbox).
 */
export const INBOX_PARTITIONS = 16;

/** One stored entry as read back from its partition's stream, in arrival order. */
export interface PartitionEntry {
  partition: number;
  /** The stream id: the arrival order within the partition. */
  id: string;
  entry: InboxEntry;
}

interface PartitionCommands {
  acquirePartition(
    lease: string,
    fence: string,
    instance: string,
    ttlMs: number,
  ): Promise<string | null>;
  renewPartition(lease: string, holder: string, ttlMs: number): Promise<number>;
  releasePartition(lease: string, holder: string): Promise<number>;
  appendOnce(once: string, stream: string, ttlMs: number, data: string): Promise<string | null>;
  commitPartition(
    lease: string,
    position: string,
    stream: string,
    holder: string,
    id: string,
  ): Promise<number>;
}

const SCRIPTS = {
  // A free partition gets a new fencing token (INCR, never reused) inside its holder string.
  acquirePartition: `
    if redis.call('EXISTS', KEYS[1]) == 1 then return false end
    local holder = ARGV[1] .. '#' .. redis.call('INCR', KEYS[2])
    redis.call('SET', KEYS[1], holder, 'PX', ARGV[2])
    return holder`,
  renewPartition: `
    if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
    return redis.call('PEXPIRE', KEYS[1], ARGV[2])`,
  releasePartition: `
    if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
    return redis.call('DEL', KEYS[1])`,
  // Only the current holder (same token) moves the position; applied entries are trimmed.
  commitPartition: `
    if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
    redis.call('SET', KEYS[2], ARGV[2])
    redis.call('XTRIM', KEYS[3], 'MINID', ARGV[2])
    return 1`,
  // An append that happens once per entry within `ttl`, whoever asks (redelivery paths).
  appendOnce: `
    if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[1]) then return false end
    return redis.call('XADD', KEYS[2], '*', 'e', ARGV[2])`,
} as const;

const KEY_COUNTS: Record<keyof typeof SCRIPTS, number> = {
  acquirePartition: 2,
  renewPartition: 1,
  releasePartition: 1,
  commitPartition: 3,
  appendOnce: 2,
};

/** FNV-1a of the user's key: stable across processes and versions. */
export function partitionOf(workspaceId: string, userId: string): number {
  let hash = 0x811c9dc5;
  const key = `${workspaceId}\u0000${userId}`;
  for (let i = 0; i < key.length; i += 1) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % INBOX_PARTITIONS;
}

/** Stream ids compared as (milliseconds, sequence). */
export function compareStreamIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am === bm ? as - bs : am - bm;
}

/**
 * The Redis side of the partitioned inbox: one stream per partition (the arrival order
 * of its users' entries, appended before the 202), one lease per partition (`SET NX PX`,
 * holder = instance + fencing token from `INCR`), the applied position per partition
 * (moved only by the current holder, checked in a Lua script), and the live instances
 * (a sorted set of heartbeats).
 */
@Injectable()
export class InboxPartitions {
  readonly instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly redis: Redis & PartitionCommands;
  /** Blocking reads have a connection of their own. */
  private readonly reader: Redis;
  private readonly prefix: string;

  constructor(@Inject(APP_CONFIG) config: BaseConfig) {
    const options = { maxRetriesPerRequest: 3, lazyConnect: false };
    this.redis = new Redis(config.REDIS_URL, options) as Redis & PartitionCommands;
    this.reader = new Redis(config.REDIS_URL, options);
    for (const [name, lua] of Object.entries(SCRIPTS)) {
      this.redis.defineCommand(name, {
        numberOfKeys: KEY_COUNTS[name as keyof typeof SCRIPTS],
        lua,
      });
    }
    this.prefix = `${config.BUS_PREFIX}:users:inbox`;
  }

  private stream(partition: number): string {
    return `${this.prefix}:s:${partition}`;
  }
  private lease(partition: number): string {
    return `${this.prefix}:lease:${partition}`;
  }
  private position(partition: number): string {
    return `${this.prefix}:pos:${partition}`;
  }

  /** Appends entries to their partitions' streams, in the given order (one round trip). */
  async publish(entries: InboxEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const entry of entries) {
      pipeline.xadd(
        this.stream(partitionOf(entry.workspaceId, entry.userId)),
        '*',
        'e',
        encode(entry),
      );
    }
    await exec(pipeline);
  }

  /**
   * Appends entries that may have been appended already by another path (a redelivered
   * request, the sweep): each at most once within `ttlMs`. Answers how many were appended.
   */
  async publishOnce(entries: InboxEntry[], ttlMs: number): Promise<number> {
    let appended = 0;
    for (const entry of entries) {
      const stream = this.stream(partitionOf(entry.workspaceId, entry.userId));
      const once = `${this.prefix}:once:${String(entry._id)}`;
      if (await this.redis.appendOnce(once, stream, ttlMs, encode(entry))) appended += 1;
    }
    return appended;
  }

  /** Notes this instance alive; answers the live instances, sorted. */
  async heartbeat(ttlMs: number): Promise<string[]> {
    const key = `${this.prefix}:members`;
    const now = Date.now();
    const [, , members] = await exec(
      this.redis
        .multi()
        .zadd(key, now, this.instanceId)
        .zremrangebyscore(key, '-inf', now - ttlMs)
        .zrange(key, 0, -1),
    );
    return [...(members as string[])].sort();
  }

  /** Leaves the live instances (a clean shutdown: the others take over at once). */
  async leave(): Promise<void> {
    await this.redis.zrem(`${this.prefix}:members`, this.instanceId);
  }

  /** The holder string (with its fencing token) if the partition was free, else null. */
  acquire(partition: number, ttlMs: number): Promise<string | null> {
    return this.redis.acquirePartition(
      this.lease(partition),
      `${this.prefix}:fence:${partition}`,
      this.instanceId,
      ttlMs,
    );
  }

  async renew(partition: number, holder: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.renewPartition(this.lease(partition), holder, ttlMs)) === 1;
  }

  async release(partition: number, holder: string): Promise<void> {
    await this.redis.releasePartition(this.lease(partition), holder);
  }

  /** Moves the applied position; false if `holder` no longer holds the partition. */
  async commit(partition: number, holder: string, id: string): Promise<boolean> {
    const done = await this.redis.commitPartition(
      this.lease(partition),
      this.position(partition),
      this.stream(partition),
      holder,
      id,
    );
    return done === 1;
  }

  async appliedPosition(partition: number): Promise<string> {
    return (await this.redis.get(this.position(partition))) ?? '0-0';
  }

  /** Every partition's applied position. */
  async appliedPositions(): Promise<string[]> {
    const keys = Array.from({ length: INBOX_PARTITIONS }, (_, p) => this.position(p));
    return (await this.redis.mget(...keys)).map((id) => id ?? '0-0');
  }

  /** Every partition's newest stream id (`0-0` for none). */
  async newestIds(): Promise<string[]> {
    const pipeline = this.redis.pipeline();
    for (let p = 0; p < INBOX_PARTITIONS; p += 1)
      pipeline.xrevrange(this.stream(p), '+', '-', 'COUNT', 1);
    const results = (await exec(pipeline)) as Array<Array<[string, string[]]>>;
    return results.map((items) => items[0]?.[0] ?? '0-0');
  }

  /** The inbox ids of a partition's entries not applied yet (after its position). */
  async pendingEntryIds(partition: number): Promise<Set<string>> {
    const from = await this.appliedPosition(partition);
    const items = await this.redis.xrange(this.stream(partition), `(${from}`, '+');
    const ids = new Set<string>();
    for (const [, fields] of items) {
      const entry = decode(fields);
      if (entry) ids.add(String(entry._id));
    }
    return ids;
  }

  /**
   * Entries after each given position, oldest first per partition (up to `count` per
   * partition), waiting up to `blockMs` for one to arrive.
   */
  async read(from: Map<number, string>, count: number, blockMs: number): Promise<PartitionEntry[]> {
    if (from.size === 0) return [];
    const partitions = [...from.keys()];
    const answer = (await this.reader.xread(
      'COUNT',
      count,
      'BLOCK',
      blockMs,
      'STREAMS',
      ...partitions.map((p) => this.stream(p)),
      ...partitions.map((p) => from.get(p) ?? '0-0'),
    )) as Array<[string, Array<[string, string[]]>]> | null;
    const read: PartitionEntry[] = [];
    for (const [stream, items] of answer ?? []) {
      const partition = Number(stream.slice(stream.lastIndexOf(':') + 1));
      for (const [id, fields] of items) {
        const entry = decode(fields);
        // An unreadable item is passed over (its position still moves): it cannot be applied.
        read.push({ partition, id, entry: entry ?? UNREADABLE });
      }
    }
    return read;
  }

  /** Closed by the applier once it has stopped (shutdown hooks run in parallel). */
  async close(): Promise<void> {
    this.reader.disconnect();
    await this.redis.quit().catch(() => undefined);
  }
}

/** Stands for a stream item that could not be decoded (skipped by the applier). */
export const UNREADABLE = Object.freeze({}) as InboxEntry;

function encode(entry: InboxEntry): string {
  return JSON.stringify([
    String(entry._id),
    entry.workspaceId,
    entry.messageId,
    entry.userId,
    entry.type,
    entry.receivedAt.getTime(),
    entry.payload,
  ]);
}

function decode(fields: string[]): InboxEntry | null {
  try {
    const index = fields.indexOf('e');
    const [id, workspaceId, messageId, userId, type, receivedAt, payload] = JSON.parse(
      fields[index + 1] ?? '',
    ) as [string, string, string, string, string, number, string];
    return {
      _id: new Types.ObjectId(id),
      workspaceId,
      messageId,
      userId,
      type,
      receivedAt: new Date(receivedAt),
      payload,
    };
  } catch {
    return null;
  }
}

async function exec(pipeline: ChainableCommander): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  return results.map(([error, value]) => {
    if (error) throw error;
    return value;
  });
}
