import type { EventDocument, ProfileDocument } from '@seg/segment-engine';
import { sampleBucket } from './sample-bucket';
import mongoose, { Connection, type Model, Types } from 'mongoose';
import { randomBytes } from 'node:crypto';
import { EVENT_MODEL, EVENTS_COLLECTION, eventSchema } from '../events/event.schema';
import { EventRepository } from '../events/event.repository';
import {
  PROFILE_MODEL,
  PROFILES_COLLECTION,
  profileKey,
  profileSchema,
} from '../profiles/profile.schema';
import { ProfileRepository } from '../profiles/profile.repository';
import { SampleBucketBackfill } from './sample-bucket-backfill';

// Against the real FerretDB: every insert path stores the user's bucket, and the backfill
// gives it to documents written without one, once.
describe('sampleBucket on profiles and events', () => {
  const ws = 'ws_samplebucket01';
  let connection: Connection;
  let profiles: ProfileRepository;
  let events: EventRepository;

  const profile = (userId: string): ProfileDocument => ({
    workspaceId: ws,
    userId,
    createdAt: new Date(),
    lastActivityAt: new Date(),
    sessions: 1,
    tags: [],
    custom: {},
    experiences: { seen: [], completed: [], answers: [] },
  });
  const event = (userId: string): EventDocument & { _id: Types.ObjectId } => ({
    _id: new Types.ObjectId(),
    workspaceId: ws,
    userId,
    source: 'jimo',
    name: 'Signed up',
    timestamp: new Date(),
    properties: {},
  });

  beforeAll(async () => {
    connection = await mongoose
      .createConnection(process.env['MONGODB_URI'] as string, {
        dbName: `t_samplebucket_${randomBytes(4).toString('hex')}`,
      })
      .asPromise();
    const profileModel = connection.model(PROFILE_MODEL, profileSchema);
    profiles = new ProfileRepository(profileModel as unknown as Model<ProfileDocument>);
    events = new EventRepository(connection.model<EventDocument>(EVENT_MODEL, eventSchema));
  });

  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  const stored = (collection: string) =>
    connection
      .collection<{ userId: string; sampleBucket?: number }>(collection)
      .find({ workspaceId: ws }, { projection: { _id: 0, userId: 1, sampleBucket: 1 } })
      .toArray();

  it('is stored by the repositories on every new profile and event', async () => {
    await profiles.insertNew(ws, [profile('a1'), profile('a2')]);
    await events.insertIdempotent(ws, [event('a1'), event('a2'), event('a2')]);
    for (const doc of [
      ...(await stored(PROFILES_COLLECTION)),
      ...(await stored(EVENTS_COLLECTION)),
    ]) {
      expect(doc).toEqual({ userId: doc.userId, sampleBucket: sampleBucket(ws, doc.userId) });
    }
  });

  it('is given once by the backfill to documents written without it', async () => {
    const users = Array.from({ length: 57 }, (_, i) => `old${i}`);
    await connection
      .collection(PROFILES_COLLECTION)
      .insertMany(
        users.map((userId) => ({ _id: profileKey(ws, userId), ...profile(userId) })) as never,
      );
    await connection
      .collection(EVENTS_COLLECTION)
      .insertMany(users.flatMap((userId) => [event(userId), event(userId)]) as never);
    const backfill = new SampleBucketBackfill(connection);
    expect(await backfill.isDone()).toBe(false);

    expect(await backfill.run()).toEqual({ skipped: false, profiles: 57, events: 114 });
    const all = [...(await stored(PROFILES_COLLECTION)), ...(await stored(EVENTS_COLLECTION))];
    expect(all).toHaveLength(2 + 3 + 57 + 114);
    for (const doc of all) expect(doc.sampleBucket).toBe(sampleBucket(ws, doc.userId));

    // Recorded as done: a second start reads one document and changes nothing.
    expect(await backfill.isDone()).toBe(true);
    expect(await backfill.run()).toEqual({ skipped: true, profiles: 0, events: 0 });
  });
});
