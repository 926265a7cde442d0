import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { AttributeObject, CustomSource } from '@seg/segment-engine';
import type { Connection, mongo } from 'mongoose';
import { PROFILES_COLLECTION, profileKey, type StoredProfile } from '../profiles/profile.schema';
import { RetriedWrites } from '../base/retried-writes';
import { attributesFingerprint } from './fingerprint';

/**
 * Update operations per `bulkWrite` (one `update` command). FerretDB v1.24 keeps one
 * PostgreSQL connection per operation of an `update` command until the whole command
 * ends (a `defer` inside its per-operation loop), out of a pool of 50: a command of ~50
 * operations, or several commands in flight whose operations add up to ~50, wait on
 * each other for ever (measured: a 100-op bulkWrite never finished). Small commands,
 * few at a time, stay well below the pool: 10 ops × 4 in flight measured ~0.93 ms per
 * update (~1,070/s), against ~2 ms sequential and ~1.15 ms with 16 single updates.
 */
export const UPDATES_PER_BULK_WRITE = 10;
/**
 * `bulkWrite`s of sync updates in flight at once in this process, for every run and
 * writer together: at most 3 × 10 = 30 FerretDB connections held by them (see above), so that
 * with profile updates (8) and the segments worker's read-model writes (8) the pool's 50 are
 * never all held at once.
 */
export const BULK_WRITES_IN_FLIGHT = 3;

/** Who is in a workspace, for matching vendor records (by userId, by lowercased email). */
export interface IdentityIndex {
  userIds: Set<string>;
  byEmail: Map<string, string[]>;
  /** Users that already have attributes from the source. */
  withSource: Set<string>;
  /**
   * `attributesFingerprint` of each user's current `custom.<source>` (users without
   * any: absent), so unchanged records need no write. Callers keep it up to date with
   * what they write.
   */
  fingerprints: Map<string, string>;
}

export interface SourceWriteResult {
  matched: number;
  modified: number;
}

export interface SourceAttributesUpdate {
  userId: string;
  attributes: AttributeObject;
}

/** A counting semaphore: at most `size` holders at once, the others wait in order. */
class Slots {
  private free: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    this.free = size;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    }
  }
}

/** Process-wide: the FerretDB connection pool is shared by every run of this process. */
const bulkWriteSlots = new Slots(BULK_WRITES_IN_FLIGHT);

/**
 * Bulk writes of one source's custom attributes (`custom.<source>`) for the
 * integration syncs: `bulkWrite`s of `UPDATES_PER_BULK_WRITE` updates by `_id`,
 * `BULK_WRITES_IN_FLIGHT` at a time per process, nothing else of the profile touched.
 * Goes through the driver on the service's connection (no model registration).
 */
@Injectable()
export class SourceAttributesWriter {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  private get profiles(): mongo.Collection<StoredProfile> {
    return this.connection.collection(PROFILES_COLLECTION);
  }

  private get profileWrites(): RetriedWrites<StoredProfile> {
    return new RetriedWrites(this.profiles);
  }

  /**
   * One streaming pass over the workspace's profiles, projected to the matching keys
   * and the source's current attributes (kept as a fingerprint only).
   */
  async identityIndex(workspaceId: string, source: CustomSource): Promise<IdentityIndex> {
    const index: IdentityIndex = {
      userIds: new Set(),
      byEmail: new Map(),
      withSource: new Set(),
      fingerprints: new Map(),
    };
    const cursor = this.profiles.find(
      { workspaceId },
      { projection: { _id: 0, userId: 1, email: 1, [`custom.${source}`]: 1 } },
    );
    for await (const profile of cursor) {
      const userId = String(profile['userId']);
      index.userIds.add(userId);
      const email = profile['email'];
      if (typeof email === 'string' && email !== '') {
        const key = email.trim().toLowerCase();
        const known = index.byEmail.get(key);
        if (known) known.push(userId);
        else index.byEmail.set(key, [userId]);
      }
      const current = (profile['custom'] as Record<string, unknown> | undefined)?.[source];
      if (current !== undefined && current !== null && typeof current === 'object') {
        index.withSource.add(userId);
        index.fingerprints.set(userId, attributesFingerprint(current as AttributeObject));
      }
    }
    return index;
  }

  /**
   * Replaces `custom.<source>` of each listed existing user (no profile is created);
   * nothing else of the profile changes. Unchanged values leave the document
   * unmodified. Users should appear once: updates of one call run concurrently.
   */
  async setSourceAttributes(
    workspaceId: string,
    source: CustomSource,
    updates: SourceAttributesUpdate[],
    /**
     * Runs each `bulkWrite` (its users named): the users service runs it in those users'
     * lanes, so that no other write of the same profiles overlaps it.
     */
    around: <T>(userIds: string[], write: () => Promise<T>) => Promise<T> = (_, write) => write(),
  ): Promise<SourceWriteResult> {
    const batches: SourceAttributesUpdate[][] = [];
    for (let i = 0; i < updates.length; i += UPDATES_PER_BULK_WRITE) {
      batches.push(updates.slice(i, i + UPDATES_PER_BULK_WRITE));
    }
    const results = await Promise.all(
      batches.map((batch) =>
        bulkWriteSlots.run(() =>
          around(
            batch.map((update) => update.userId),
            () =>
              this.profileWrites.bulkWrite(
                batch.map((update): mongo.AnyBulkWriteOperation<StoredProfile> => ({
                  updateOne: {
                    // `_id` alone: it holds the workspace id (which has no '/'), and a
                    // second field makes FerretDB intersect with the workspace's whole
                    // GIN posting list (measured 4.5 vs 1 ms an update on 50k profiles).
                    filter: { _id: profileKey(workspaceId, update.userId) },
                    update: { $set: { [`custom.${source}`]: update.attributes } },
                  },
                })),
                { ordered: false },
              ),
          ),
        ),
      ),
    );
    let matched = 0;
    let modified = 0;
    for (const result of results) {
      matched += result.matchedCount;
      modified += result.modifiedCount;
    }
    return { matched, modified };
  }
}
