import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, mongo } from 'mongoose';
import { RetriedWrites } from '../base/retried-writes';
import { EVENTS_COLLECTION } from '../events/event.schema';
import { PROFILES_COLLECTION } from '../profiles/profile.schema';
import { sampleBucket } from './sample-bucket';

/** The profile store's one-time data migrations: `{ _id, doneAt }` once one has finished. */
export const MIGRATIONS_COLLECTION = 'profile_store_migrations';
export const SAMPLE_BUCKET_MIGRATION = 'sampleBucket.v1';

/** Updates per `bulkWrite` and `bulkWrite`s in flight: FerretDB's pool (see source-attributes.writer). */
const UPDATES_PER_BULK_WRITE = 10;
const BULK_WRITES_IN_FLIGHT = 4;

export interface BackfillResult {
  /** True when an earlier run had finished (nothing read). */
  skipped: boolean;
  profiles: number;
  events: number;
}

interface Owned {
  _id: unknown;
  workspaceId?: unknown;
  userId?: unknown;
}

/**
 * Gives every profile and event written before `sampleBucket` existed its bucket
 * (`sampleBucket(workspaceId, userId)`), then records that it is done. Idempotent: it only
 * touches documents without the field, and once recorded later runs read one document.
 * New documents get the field from the repositories' inserts.
 */
@Injectable()
export class SampleBucketBackfill {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get migrations(): mongo.Collection<{ _id: string; doneAt: Date }> {
    return this.connection.collection(MIGRATIONS_COLLECTION);
  }

  /** Whether every stored profile and event has its bucket (the preview slices only then). */
  async isDone(): Promise<boolean> {
    return (await this.migrations.findOne({ _id: SAMPLE_BUCKET_MIGRATION })) !== null;
  }

  async run(): Promise<BackfillResult> {
    if (await this.isDone()) return { skipped: true, profiles: 0, events: 0 };
    const profiles = await this.fill(PROFILES_COLLECTION);
    const events = await this.fill(EVENTS_COLLECTION);
    await new RetriedWrites(this.migrations).updateOne(
      { _id: SAMPLE_BUCKET_MIGRATION },
      { $set: { doneAt: new Date() } },
      { upsert: true },
    );
    return { skipped: false, profiles, events };
  }

  /** One streaming pass over the documents without a bucket; answers how many it set. */
  private async fill(name: string): Promise<number> {
    const collection = this.connection.collection<Owned>(name);
    const writes = new RetriedWrites(collection);
    const cursor = collection.find(
      { sampleBucket: { $exists: false } },
      { projection: { _id: 1, workspaceId: 1, userId: 1 } },
    );
    let written = 0;
    let pending: mongo.AnyBulkWriteOperation<Owned>[] = [];
    const flush = async () => {
      const batches: mongo.AnyBulkWriteOperation<Owned>[][] = [];
      for (let i = 0; i < pending.length; i += UPDATES_PER_BULK_WRITE) {
        batches.push(pending.slice(i, i + UPDATES_PER_BULK_WRITE));
      }
      pending = [];
      const results = await Promise.all(
        batches.map((batch) => writes.bulkWrite(batch, { ordered: false })),
      );
      written += results.reduce((sum, result) => sum + result.modifiedCount, 0);
    };
    for await (const doc of cursor) {
      if (typeof doc.workspaceId !== 'string' || typeof doc.userId !== 'string') continue;
      pending.push({
        updateOne: {
          // By `_id` alone (FerretDB serves it from its primary key), and only if still unset.
          filter: { _id: doc._id, sampleBucket: { $exists: false } } as mongo.Filter<Owned>,
          update: { $set: { sampleBucket: sampleBucket(doc.workspaceId, doc.userId) } },
        },
      });
      if (pending.length === UPDATES_PER_BULK_WRITE * BULK_WRITES_IN_FLIGHT) await flush();
    }
    await flush();
    return written;
  }
}
