import type { AttributeObject, CustomSource } from '@seg/segment-engine';
import type { Connection, mongo } from 'mongoose';
import { PROFILES_COLLECTION, profileKey, type StoredProfile } from '../profiles/profile.schema';
import { retryBusy } from '../util/write-retry';

/** Who is in a workspace, for matching vendor records (by userId, by lowercased email). */
export interface IdentityIndex {
  userIds: Set<string>;
  byEmail: Map<string, string[]>;
  /** Users that already have attributes from the source. */
  withSource: Set<string>;
}

export interface SourceWriteResult {
  matched: number;
  modified: number;
}

/**
 * Bulk writes of one source's custom attributes (`custom.<source>`) for the
 * integration syncs: one round trip per batch, nothing else of the profile touched.
 * Goes through the driver on the service's connection (no model registration).
 */
export class SourceAttributesWriter {
  constructor(private readonly connection: Connection) {}

  private get profiles(): mongo.Collection<StoredProfile> {
    return this.connection.collection(PROFILES_COLLECTION);
  }

  /** One streaming pass over the workspace's profiles, projected to the matching keys. */
  async identityIndex(workspaceId: string, source: CustomSource): Promise<IdentityIndex> {
    const index: IdentityIndex = { userIds: new Set(), byEmail: new Map(), withSource: new Set() };
    const cursor = this.profiles.find(
      { workspaceId },
      { projection: { _id: 0, userId: 1, email: 1 } },
    );
    for await (const profile of cursor) {
      const userId = String(profile['userId']);
      index.userIds.add(userId);
      const email = profile['email'];
      if (typeof email === 'string' && email !== '') {
        const key = email.trim().toLowerCase();
        index.byEmail.set(key, [...(index.byEmail.get(key) ?? []), userId]);
      }
    }
    const withSource = this.profiles.find(
      { workspaceId, [`custom.${source}`]: { $exists: true } },
      { projection: { _id: 0, userId: 1 } },
    );
    for await (const profile of withSource) index.withSource.add(String(profile['userId']));
    return index;
  }

  /**
   * Replaces `custom.<source>` of each listed existing user (no profile is created).
   * Unchanged values leave the document unmodified. One `updateOne` by `_id` after the
   * other: on FerretDB v1.24 (PostgreSQL backend) a 100-operation `bulkWrite`, or 100
   * concurrent updates, over a 7,000-profile collection did not finish in minutes, while
   * sequential `_id` updates take ~4 ms each (measured; see bench/README.md).
   */
  async setSourceAttributes(
    workspaceId: string,
    source: CustomSource,
    updates: Array<{ userId: string; attributes: AttributeObject }>,
  ): Promise<SourceWriteResult> {
    let matched = 0;
    let modified = 0;
    for (const update of updates) {
      const result = await retryBusy(() =>
        this.profiles.updateOne(
          { _id: profileKey(workspaceId, update.userId), workspaceId },
          { $set: { [`custom.${source}`]: update.attributes } },
        ),
      );
      matched += result.matchedCount;
      modified += result.modifiedCount;
    }
    return { matched, modified };
  }
}
