import { MongoClient } from 'mongodb';
import {
  EVENTS_COLLECTION,
  MIGRATIONS_COLLECTION,
  PROFILES_COLLECTION,
  profileKey,
  SAMPLE_BUCKET_MIGRATION,
  sampleBucket,
  type StoredProfile,
} from '../../libs/shared/profile-store/src/index';
import { CUSTOM_ATTRIBUTES } from './catalog';
import { type DatasetOptions, generateEvents, generateProfiles } from './generate';

/**
 * Loads a generated dataset straight into the profile store (the collections
 * and document shapes the users service writes), in batches of `batchSize`.
 * Returns what was written and how long it took.
 */
export async function loadDataset(
  client: MongoClient,
  dbName: string,
  options: DatasetOptions,
  batchSize = 2_000,
): Promise<{ profiles: number; events: number; seconds: number }> {
  const started = performance.now();
  const db = client.db(dbName);
  const keyed = function* () {
    for (const profile of generateProfiles(options)) {
      yield {
        _id: profileKey(profile.workspaceId, profile.userId),
        ...profile,
        sampleBucket: sampleBucket(profile.workspaceId, profile.userId),
      };
    }
  };
  // Each event with its user's sample bucket, as the profile store writes them.
  const bucketed = function* () {
    for (const event of generateEvents(options)) {
      yield { ...event, sampleBucket: sampleBucket(event.workspaceId, event.userId) };
    }
  };
  const profiles = await insertAll(
    db.collection<StoredProfile>(PROFILES_COLLECTION),
    keyed(),
    batchSize,
  );
  const events = await insertAll(db.collection(EVENTS_COLLECTION), bucketed(), batchSize);
  // Every document has its bucket: what the users service's backfill records once done.
  await db
    .collection<{ _id: string; doneAt: Date }>(MIGRATIONS_COLLECTION)
    .updateOne(
      { _id: SAMPLE_BUCKET_MIGRATION },
      { $set: { doneAt: new Date() } },
      { upsert: true },
    );
  const now = new Date();
  await db.collection('attribute_catalog').insertMany(
    CUSTOM_ATTRIBUTES.map(({ source, key, type }) => ({
      workspaceId: options.workspaceId,
      source,
      key,
      type,
      sampleValues: [],
      rejectedCount: 0,
      createdAt: now,
    })),
  );
  return { profiles, events, seconds: (performance.now() - started) / 1_000 };
}

async function insertAll<T extends object>(
  collection: { insertMany(docs: T[], options: { ordered: boolean }): Promise<unknown> },
  documents: Iterable<T>,
  batchSize: number,
): Promise<number> {
  let batch: T[] = [];
  let total = 0;
  for (const document of documents) {
    batch.push(document);
    if (batch.length === batchSize) {
      await collection.insertMany(batch, { ordered: false });
      total += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) {
    await collection.insertMany(batch, { ordered: false });
    total += batch.length;
  }
  return total;
}
