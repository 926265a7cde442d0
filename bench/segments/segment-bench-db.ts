/**
 * What the segment benches share: a database (MONGODB_URI, else a throw-away FerretDB v1.24
 * started here; BENCH_DB names a database to reuse), the shared dataset (bench/dataset) loaded
 * straight into the profile store of one workspace unless it is already there at that size,
 * and the segments service's read path over it (`ProfileStoreMemberStore`, no bus, no HTTP).
 * One workspace id for every bench, so one loaded dataset serves them all.
 */
import mongoose, { type Model } from 'mongoose';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ProfileStoreMemberStore } from '../../apps/segments/src/reads/profile-store-member-store';
import {
  ATTRIBUTE_CATALOG_MODEL,
  AttributeCatalogRepository,
  attributeCatalogSchema,
  EVENT_MODEL,
  EventRepository,
  eventSchema,
  PROFILE_MODEL,
  ProfileRepository,
  profileSchema,
  SampleBucketBackfill,
} from '../../libs/shared/profile-store/src/index';
import type { EventDocument, ProfileDocument } from '../../libs/shared/segment-engine/src/index';
import { FULL_SIZE } from '../dataset/generate';
import { loadDataset } from '../dataset/load';

export const BENCH_WORKSPACE = 'ws_benchsegments01';

export interface SegmentBenchDb {
  connection: mongoose.Connection;
  profileModel: Model<ProfileDocument>;
  eventModel: Model<EventDocument>;
  store: ProfileStoreMemberStore;
  close(): Promise<void>;
}

/** Connects, loads the dataset when missing (`users` profiles, `events` events), builds the store. */
export async function openSegmentBenchDb(
  dbPrefix: string,
  size: { users: number; events: number },
): Promise<SegmentBenchDb> {
  let uri = process.env.MONGODB_URI;
  let stop: (() => Promise<void>) | undefined;
  if (!uri) {
    const ferret = (await import(path.resolve(__dirname, '../../tools/scripts/ferretdb.mjs'))) as {
      startFerretDb(o: { dataDir: string; log?: (m: string) => void }): Promise<{
        uri: string;
        stop(): Promise<void>;
      }>;
    };
    const server = await ferret.startFerretDb({
      dataDir: mkdtempSync(path.join(os.tmpdir(), 'ferretdb-bench-')),
      log: () => undefined,
    });
    uri = server.uri;
    stop = server.stop;
  }
  const connection = await mongoose
    .createConnection(uri, {
      dbName: process.env.BENCH_DB ?? `${dbPrefix}_${process.pid}`,
      autoIndex: false,
    })
    .asPromise();
  // The schema types the stored `_id`; repositories see the engine's ProfileDocument.
  const profileModel = connection.model(
    PROFILE_MODEL,
    profileSchema,
  ) as unknown as Model<ProfileDocument>;
  const eventModel = connection.model<EventDocument>(EVENT_MODEL, eventSchema);
  const catalogModel = connection.model(ATTRIBUTE_CATALOG_MODEL, attributeCatalogSchema);
  await seedDataset(connection, profileModel, eventModel, size);
  const store = new ProfileStoreMemberStore(
    new ProfileRepository(profileModel),
    new EventRepository(eventModel),
    new AttributeCatalogRepository(catalogModel as never),
    new SampleBucketBackfill(connection),
  );
  return {
    connection,
    profileModel,
    eventModel,
    store,
    close: async () => {
      await connection.close();
      await stop?.();
    },
  };
}

async function seedDataset(
  connection: mongoose.Connection,
  profiles: Model<ProfileDocument>,
  events: Model<EventDocument>,
  size: { users: number; events: number },
): Promise<void> {
  const existing = await profiles.countDocuments({ workspaceId: BENCH_WORKSPACE });
  const existingEvents = await events.countDocuments({ workspaceId: BENCH_WORKSPACE });
  const bucketed = await new SampleBucketBackfill(connection).isDone();
  if (existing === size.users && existingEvents === size.events && bucketed) {
    console.log(`dataset present: ${size.users} users, ${size.events} events`);
    return;
  }
  await connection.dropDatabase();
  // The profile store's own indexes, declared with its schemas.
  await profiles.createIndexes();
  await events.createIndexes();
  const loaded = await loadDataset(connection.getClient() as never, connection.name, {
    ...FULL_SIZE,
    users: size.users,
    events: size.events,
    workspaceId: BENCH_WORKSPACE,
    seed: Number(process.env.BENCH_SEED ?? 7),
    now: new Date(),
  });
  console.log(
    `loaded ${loaded.profiles} profiles, ${loaded.events} events in ${loaded.seconds.toFixed(1)} s`,
  );
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, value };
}

export const median = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
