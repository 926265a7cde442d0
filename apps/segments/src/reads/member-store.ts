import type {
  CatalogEntry,
  EventDocument,
  ProfileDocument,
  SegmentDataSource,
} from '@seg/segment-engine';

/** A user as shown in member lists. */
export interface MemberSummary {
  userId: string;
  name: string | null;
  email: string | null;
  lastActivityAt: Date | null;
}

export interface EventKey {
  source: string;
  name: string;
}

/**
 * What the segments service reads of the users service's data (profiles, events, the
 * attribute catalog), read-only and always scoped by workspace.
 */
export abstract class MemberStore {
  /** The port through which the engine's plans run, for one workspace. */
  abstract dataSource(workspaceId: string): SegmentDataSource;
  abstract findProfile(workspaceId: string, userId: string): Promise<ProfileDocument | null>;
  /** The user's events with one of these (source, name) pairs (by index). */
  abstract findUserEvents(
    workspaceId: string,
    userId: string,
    keys: readonly EventKey[],
  ): Promise<EventDocument[]>;
  /** A page of the workspace's profiles, ordered by userId, after `afterUserId` (recomputation). */
  abstract profilesAfter(
    workspaceId: string,
    afterUserId: string | null,
    limit: number,
  ): Promise<ProfileDocument[]>;
  /** The profiles of these users (unknown ones left out). */
  abstract profilesOf(workspaceId: string, userIds: readonly string[]): Promise<ProfileDocument[]>;
  /** The events of these users with one of these (source, name) pairs. */
  abstract eventsOfUsers(
    workspaceId: string,
    userIds: readonly string[],
    keys: readonly EventKey[],
  ): Promise<EventDocument[]>;
  /** Summaries of these users, in no particular order (unknown ones left out). */
  abstract summaries(workspaceId: string, userIds: readonly string[]): Promise<MemberSummary[]>;
  /** How many users the workspace has, counting no further than `max + 1`. */
  abstract countUsersUpTo(workspaceId: string, max: number): Promise<number>;
  /** True once every stored profile and event has its `sampleBucket` (the backfill is done). */
  abstract bucketsReady(): Promise<boolean>;
  /** The workspace's attribute catalog: one type per (source, key). */
  abstract catalog(workspaceId: string): Promise<CatalogEntry[]>;
  /** The catalog with the few distinct values recorded per attribute (the lint's near matches). */
  abstract catalogSamples(workspaceId: string): Promise<CatalogSample[]>;
}

/**
 * A catalog entry with its recorded sample values (the users service stops recording once it
 * has `MAX_SAMPLE_VALUES` of `@seg/profile-store`).
 */
export interface CatalogSample extends CatalogEntry {
  sampleValues: unknown[];
  /** Share (0–1) of the workspace's users with a value, as last counted; unknown: undefined. */
  coverage?: number;
  /** The last write of a value for any user; undefined when not recorded. */
  lastWrittenAt?: Date;
}
