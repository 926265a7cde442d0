import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { ProfileDocument } from '@seg/segment-engine';
import { sampleBucket } from '../sampling/sample-bucket';
import type { Model, mongo } from 'mongoose';
import { keysetAfter } from '../base/keyset';
import { WorkspaceRepository } from '../base/workspace-repository';
import { mapConcurrently } from '../util/concurrently';
import { RetriedWrites } from '../base/retried-writes';
import { PROFILE_MODEL, profileKey, type StoredProfile } from './profile.schema';

/** `_id` lookups in flight for one many-users read. */
const LOOKUP_CONCURRENCY = 8;

/** What a guarded profile write expects to find (optimistic concurrency on the activity fields). */
export interface ActivityGuard {
  lastActivityAt: Date;
  sessions: number;
}

export interface ProfilePosition {
  lastActivityAt: Date;
  userId: string;
}

export type ProfileListRow = Pick<ProfileDocument, 'userId' | 'name' | 'email' | 'lastActivityAt'>;

/** Profiles, scoped by workspace. Reads return plain objects. */
@Injectable()
export class ProfileRepository extends WorkspaceRepository<ProfileDocument> {
  constructor(@InjectModel(PROFILE_MODEL) model: Model<ProfileDocument>) {
    super(model);
    this.collection = model.collection as unknown as mongo.Collection<StoredProfile>;
    this.profileWrites = new RetriedWrites(this.collection);
  }

  /** The driver's collection, typed with the string `_id` profiles are stored with. */
  private readonly collection: mongo.Collection<StoredProfile>;
  /** Its writes, retried (see WorkspaceRepository). */
  private readonly profileWrites: RetriedWrites<StoredProfile>;

  /**
   * One profile by its key alone. The key embeds the workspace (profileKey), so no other
   * workspace's profile can match; adding `workspaceId` to the filter made FerretDB's
   * PostgreSQL planner intersect a whole-workspace index (findOne 1.0 -> 2.5 ms on 20k
   * profiles). The workspace is still checked on what was read.
   */
  async findByUserId(workspaceId: string, userId: string): Promise<ProfileDocument | null> {
    const found = await this.collection.findOne(this.byKey(workspaceId, userId));
    return found && found.workspaceId === workspaceId ? (found as ProfileDocument) : null;
  }

  /** The filter of one profile: its `_id`, which embeds the workspace (see findByUserId). */
  private byKey(workspaceId: string, userId: string): { _id: string } {
    if (!workspaceId) throw new Error('workspaceId is required');
    return { _id: profileKey(workspaceId, userId) };
  }

  /** Deletes one user's profile (user erasure); true when there was one. */
  async deleteByUserId(workspaceId: string, userId: string): Promise<boolean> {
    return (await this.deleteMany(workspaceId, { _id: profileKey(workspaceId, userId) })) > 0;
  }

  /** The profiles of these users that exist, read by `_id` (see mapConcurrently). */
  async findByUserIds(workspaceId: string, userIds: string[]): Promise<ProfileDocument[]> {
    const found = await mapConcurrently([...new Set(userIds)], LOOKUP_CONCURRENCY, (userId) =>
      this.findByUserId(workspaceId, userId),
    );
    return found.filter((profile): profile is ProfileDocument => profile !== null);
  }

  /**
   * Inserts new profiles (unordered); answers the userIds that already existed
   * (another writer was first), which the caller applies as updates instead.
   */
  async insertNew(workspaceId: string, profiles: ProfileDocument[]): Promise<Set<string>> {
    if (profiles.length === 0) return new Set();
    const documents = profiles.map((profile) => ({
      _id: profileKey(workspaceId, profile.userId),
      ...profile,
      workspaceId,
      sampleBucket: sampleBucket(workspaceId, profile.userId),
    }));
    const duplicates = await this.profileWrites.insertNew(documents);
    return new Set([...duplicates].map((index) => profiles[index]?.userId ?? ''));
  }

  /**
   * `$set`s fields of one profile only if its activity fields are still those
   * the caller read; false when they changed meanwhile (re-read and retry).
   */
  async setGuarded(
    workspaceId: string,
    userId: string,
    guard: ActivityGuard,
    set: Record<string, unknown>,
  ): Promise<boolean> {
    const filter = {
      ...this.byKey(workspaceId, userId),
      lastActivityAt: guard.lastActivityAt,
      sessions: guard.sessions,
    };
    const result = await this.profileWrites.updateOne(filter, { $set: set });
    return result.matchedCount === 1;
  }

  /** Adds tags; null when the user does not exist. */
  addTags(workspaceId: string, userId: string, tags: string[]): Promise<string[] | null> {
    return this.updateTags(workspaceId, userId, { $addToSet: { tags: { $each: tags } } });
  }

  /** Removes tags; null when the user does not exist. */
  removeTags(workspaceId: string, userId: string, tags: string[]): Promise<string[] | null> {
    return this.updateTags(workspaceId, userId, { $pullAll: { tags } });
  }

  private async updateTags(
    workspaceId: string,
    userId: string,
    update: Record<string, unknown>,
  ): Promise<string[] | null> {
    const result = await this.profileWrites.updateOne(this.byKey(workspaceId, userId), update);
    if (result.matchedCount === 0) return null;
    const profile = await this.findByUserId(workspaceId, userId);
    return profile?.tags ?? [];
  }

  /**
   * The workspace's profiles, counted up to `max`: a `$limit` before the count, so FerretDB
   * stops decoding after `max` documents (a plain count decodes every one).
   */
  async countUpTo(workspaceId: string, max: number): Promise<number> {
    return this.model.countDocuments(this.scope(workspaceId), { limit: max }).exec();
  }

  /**
   * Every profile of the workspace, streamed (top-level equality on `workspaceId`: pushed down
   * on FerretDB; one pass, no sort). For background passes only, never per request.
   */
  async *streamAll(workspaceId: string): AsyncGenerator<ProfileDocument> {
    const cursor = this.collection.find(this.scope(workspaceId) as Record<string, unknown>, {
      batchSize: 1_000,
    });
    for await (const profile of cursor) yield profile as ProfileDocument;
  }

  /** One page, newest activity first (ties by userId), strictly after `after`. */
  async page(
    workspaceId: string,
    limit: number,
    after?: ProfilePosition,
  ): Promise<ProfileListRow[]> {
    const filter = after
      ? keysetAfter(
          { field: 'lastActivityAt', order: -1, value: after.lastActivityAt },
          { field: 'userId', value: after.userId },
        )
      : {};
    return (await this.model
      .find(this.scope(workspaceId, filter), { userId: 1, name: 1, email: 1, lastActivityAt: 1 })
      .sort({ lastActivityAt: -1, userId: 1 })
      .limit(limit)
      .lean()
      .exec()) as unknown as ProfileListRow[];
  }
}
